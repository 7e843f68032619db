/**
 * How `release-safety analyze` prints its outcome: per metric the value, the condition, the phase
 * and what the controller would do with it (Argo's failureLimit / inconclusiveLimit / count,
 * Flagger's threshold); JSON for scripts with Argo's phase names.
 */
import type { AnalysisPhase, ArgoJudge, FlaggerJudge } from '../../core/analysis/job';
import { round } from '../../core/analysis/judge';
import type { AnalysisOutcome, MetricOutcome } from '../../core/analysis/runAnalysis';
import { EXIT_FAIL, EXIT_INCONCLUSIVE, EXIT_OK } from '../io';

export function exitCodeOfAnalysis(outcomes: readonly AnalysisOutcome[]): number {
  const phases = outcomes.map((o) => o.verdict);
  // A Prometheus that stopped answering leaves the analysis unfinished, whatever came back before.
  if (outcomes.some((o) => o.metrics.some((m) => m.unreachable))) return EXIT_INCONCLUSIVE;
  if (phases.includes('Failed')) return EXIT_FAIL;
  return phases.every((p) => p === 'Successful') ? EXIT_OK : EXIT_INCONCLUSIVE;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function metricJson(m: MetricOutcome): object {
  return {
    name: m.name,
    query: m.query,
    value: m.value,
    values: m.values.map(finiteOrNull),
    phase: m.phase,
    condition: m.condition,
    message: m.message,
  };
}

/** One object for one analysed document, an array for several. */
export function analysisJson(outcomes: readonly AnalysisOutcome[]): object {
  const docs = outcomes.map((o) => ({
    file: o.job.path,
    kind: o.job.kind,
    name: o.job.name,
    verdict: o.verdict,
    metrics: o.metrics.map(metricJson),
  }));
  return docs.length === 1 ? docs[0] : docs;
}

const PHASE_MARK: Record<AnalysisPhase, string> = {
  Successful: 'ok',
  Failed: 'FAIL',
  Inconclusive: '??',
  Error: 'ERR',
};

export function analysisText(outcomes: readonly AnalysisOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    const args =
      o.job.args && Object.keys(o.job.args).length
        ? `; args ${Object.entries(o.job.args)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`
        : '';
    lines.push(
      `${o.job.kind} ${o.job.name} (${o.job.path}${o.job.via ? `, from ${o.job.via}` : ''}${args}): ${o.verdict}`,
    );
    for (const m of o.metrics) {
      lines.push(`  [${PHASE_MARK[m.phase]}] ${m.name}: ${m.phase}`);
      lines.push(`      value      ${valueWords(m)}`);
      lines.push(`      condition  ${m.condition}`);
      if (m.query) lines.push(`      query      ${m.query.replace(/\s+/g, ' ').trim()}`);
      if (m.message) lines.push(`      why        ${m.message}`);
      lines.push(`      then       ${consequence(m)}`);
    }
  }
  const verdicts = outcomes.map((o) => o.verdict);
  const overall = verdicts.includes('Failed')
    ? 'Failed'
    : verdicts.every((v) => v === 'Successful')
      ? 'Successful'
      : verdicts.includes('Error')
        ? 'Error'
        : 'Inconclusive';
  lines.push(
    `Verdict: ${overall}${overall === 'Successful' ? ' (this analysis would pass right now)' : overall === 'Failed' ? ' (this analysis would fail right now)' : ' (this analysis cannot be judged right now)'}`,
  );
  return `${lines.join('\n')}\n`;
}

function valueWords(m: MetricOutcome): string {
  if (m.job.unsupported || m.unreachable) return '-';
  if (m.values.length === 0) return 'no data (empty result)';
  if (m.values.length === 1) return round(m.values[0]);
  const shown = m.values.slice(0, 5).map(round).join(', ');
  return `${round(m.values[0])} (${m.values.length} series: ${shown}${m.values.length > 5 ? ', ...' : ''})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the controller does with a measurement in this phase. */
export function consequence(m: MetricOutcome): string {
  return m.job.judge.kind === 'argo' ? argoConsequence(m.job.judge, m.phase) : flaggerConsequence(m.job.judge, m.phase);
}

function argoConsequence(j: ArgoJudge, phase: AnalysisPhase): string {
  const every = j.interval ? ` every ${j.interval}` : '';
  const run =
    j.count !== undefined
      ? `the run takes ${plural(j.count, 'measurement')}${every}`
      : j.interval
        ? `the run measures${every} until it is stopped`
        : 'the run takes one measurement';
  switch (phase) {
    case 'Failed':
      if (j.failureLimit < 0) return `Argo: failureLimit is negative, so failures never fail the run (${run}).`;
      if (j.count !== undefined && j.failureLimit >= j.count)
        return `Argo: failureLimit ${j.failureLimit} is not below count ${j.count}, so this metric can never fail the run.`;
      return `Argo: the AnalysisRun fails, and the rollout aborts, after ${plural(j.failureLimit + 1, 'failed measurement')} (failureLimit ${j.failureLimit}); ${run}.`;
    case 'Inconclusive':
      return `Argo: after ${plural(j.inconclusiveLimit + 1, 'inconclusive measurement')} (inconclusiveLimit ${j.inconclusiveLimit}) the AnalysisRun is Inconclusive and the rollout pauses for a person to decide.`;
    case 'Error':
      return `Argo: after ${plural(j.consecutiveErrorLimit + 1, 'error')} in a row (consecutiveErrorLimit ${j.consecutiveErrorLimit}) the AnalysisRun errors and the rollout aborts.`;
    default: {
      const limit =
        j.failureLimit < 0
          ? 'failures never fail it (failureLimit is negative)'
          : `it fails, and the rollout aborts, after ${plural(j.failureLimit + 1, 'failed measurement')} (failureLimit ${j.failureLimit})`;
      return `Argo: a successful measurement; ${run}, and ${limit}.`;
    }
  }
}

function flaggerConsequence(j: FlaggerJudge, phase: AnalysisPhase): string {
  const limit =
    j.threshold !== undefined
      ? `after ${plural(j.threshold, 'failed check')} (analysis.threshold ${j.threshold})`
      : 'after analysis.threshold failed checks';
  if (phase === 'Successful')
    return `Flagger: the check passes; the metric is measured over ${j.interval} at each analysis interval.`;
  return `Flagger: halts advancement and counts a failed check; it rolls back ${limit}.`;
}
