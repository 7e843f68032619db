/**
 * One measurement judged as its controller would: Argo's successCondition / failureCondition
 * (EvaluateResult in argo-rollouts' utils/evaluate), Flagger's thresholdRange. One rule of our
 * own on top: a result with no number in it (an empty vector, NaN) is Inconclusive, never
 * Successful, whatever the controller would record; the message says what that would be.
 */
import type { AnalysisPhase, ArgoJudge, FlaggerJudge } from './job';
import { checkCondition, runCondition } from './expr/condition';
import type { Value } from './expr/evaluate';

export interface Judged {
  phase: AnalysisPhase;
  /** What the controller itself records, when it differs from `phase`. */
  controllerPhase?: AnalysisPhase;
  message: string;
}

export function noData(values: readonly number[]): boolean {
  return values.length === 0 || values.every((v) => Number.isNaN(v));
}

function describeNoData(values: readonly number[]): string {
  return values.length === 0
    ? 'the query returned no data (an empty result)'
    : 'the query returned NaN (no data: a division by zero?)';
}

/** Argo's phase for a result: a number for a scalar, a list for a vector or a matrix. */
export function argoPhase(judge: ArgoJudge, result: Value): { phase: AnalysisPhase; error?: string } {
  const evaluate = (text: string, which: string): boolean | string => {
    const checked = checkCondition(text);
    if (!checked.ok) return `${which} "${text}" does not parse: ${checked.message}`;
    const out = runCondition(checked.expr, result);
    return out.ok ? out.value : `could not evaluate ${which} "${text}": ${out.error}`;
  };
  let success = false;
  let failure = false;
  if (judge.successCondition !== undefined) {
    const r = evaluate(judge.successCondition, 'successCondition');
    if (typeof r === 'string') return { phase: 'Error', error: r };
    success = r;
  }
  if (judge.failureCondition !== undefined) {
    const r = evaluate(judge.failureCondition, 'failureCondition');
    if (typeof r === 'string') return { phase: 'Error', error: r };
    failure = r;
  }
  if (judge.successCondition === undefined && judge.failureCondition === undefined) return { phase: 'Successful' };
  if (judge.failureCondition === undefined) failure = !success;
  if (judge.successCondition === undefined) success = !failure;
  if (failure) return { phase: 'Failed' };
  if (!success) return { phase: 'Inconclusive' };
  return { phase: 'Successful' };
}

export function judgeArgo(judge: ArgoJudge, kind: 'scalar' | 'vector' | 'matrix', values: readonly number[]): Judged {
  const result: Value = kind === 'scalar' ? values[0] : [...values];
  const argo = argoPhase(judge, result);
  if (noData(values)) {
    return {
      phase: 'Inconclusive',
      ...(argo.phase !== 'Inconclusive' ? { controllerPhase: argo.phase } : {}),
      message: `${describeNoData(values)}; Argo would record ${argo.phase}${argo.error ? ` (${argo.error})` : ''}.`,
    };
  }
  if (argo.phase === 'Error') return { phase: 'Error', message: `${argo.error}.` };
  return { phase: argo.phase, message: '' };
}

export function judgeFlagger(judge: FlaggerJudge, values: readonly number[]): Judged {
  if (noData(values))
    return {
      phase: 'Inconclusive',
      message: `${describeNoData(values)}; Flagger halts advancement ("no values found") and counts a failed check.`,
    };
  // Flagger keeps the last series' value.
  let v = values[values.length - 1];
  if (judge.wholeMilliseconds) v = Math.trunc(v);
  const several = values.length > 1 ? ` The query returned ${values.length} series; Flagger uses the last one.` : '';
  if (judge.min !== undefined && v < judge.min)
    return { phase: 'Failed', message: `${round(v)} is below the minimum ${judge.min}.${several}` };
  if (judge.max !== undefined && v > judge.max)
    return { phase: 'Failed', message: `${round(v)} is above the maximum ${judge.max}.${several}` };
  return { phase: 'Successful', message: several.trim() };
}

export function flaggerCondition(judge: FlaggerJudge): string {
  if (judge.min !== undefined && judge.max !== undefined) return `${judge.min} <= value <= ${judge.max}`;
  if (judge.min !== undefined) return `value >= ${judge.min}`;
  if (judge.max !== undefined) return `value <= ${judge.max}`;
  return 'no threshold (any value passes)';
}

export function argoCondition(judge: ArgoJudge): string {
  if (judge.successCondition !== undefined && judge.failureCondition !== undefined)
    return `success: ${judge.successCondition}; failure: ${judge.failureCondition}`;
  if (judge.successCondition !== undefined) return judge.successCondition;
  if (judge.failureCondition !== undefined) return `failure: ${judge.failureCondition}`;
  return 'no condition (any value passes)';
}

export function round(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  return String(Math.abs(v) >= 100 ? Math.round(v * 100) / 100 : Number(v.toPrecision(4)));
}
