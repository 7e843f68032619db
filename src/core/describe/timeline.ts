/**
 * A canary's steps as a timeline and its timing in words, for the CodeLens and the hover on
 * `steps`: "1% > 5% > 25% > 50% > 100% · 25 min to full".
 *
 * How the times are computed (said in the hover too, so nobody has to trust a number blindly):
 * - time to full (native, Flagger): every step is watched for one `interval`, so
 *   steps x interval. Argo: setWeight steps are instant; the pauses between them are the time,
 *   so the sum of the pause durations (an endless `pause: {}` waits for a human).
 * - worst-case time to roll back: on_failure acts after failure_limit + 1 breaching checks, one
 *   check per interval, so interval x (failure_limit + 1), counted from the check on which the
 *   canary starts to misbehave.
 */
import type { CanaryPlan } from '../plan/canaryPlan';
import { spanWords } from './spanWords';

export interface Timeline {
  weights: Array<number | null>;
  /** Milliseconds until the canary has run every step, or null when it cannot be known. */
  toFullMs: number | null;
  /** "25 min to full", "never reaches 100%", "waits for a human at a pause" ... */
  toFullWords: string;
  /** How toFullMs was computed, or why it is unknown. */
  how: string;
  /** The CodeLens line. */
  text: string;
}

export function stepsTimeline(plan: CanaryPlan): Timeline {
  const weights = plan.steps.map((s) => s.weight);
  const shown = weights.map((w) => (w === null ? '?' : `${round(w)}%`));
  // Argo promotes to full traffic by itself after its last step: show where it ends up.
  const last = weights[weights.length - 1];
  if (plan.format === 'argo' && last !== null && last !== undefined && last < 100) shown.push('100%');
  const arrow = shown.length ? shown.join(' > ') : 'no steps';
  const { ms, words, how } = timeToFull(plan);
  return { weights, toFullMs: ms, toFullWords: words, how, text: `${arrow} · ${words}` };
}

function timeToFull(plan: CanaryPlan): { ms: number | null; words: string; how: string } {
  const weights = plan.steps.map((s) => s.weight);
  const last = weights[weights.length - 1];
  if (weights.length === 0) return { ms: null, words: 'no steps', how: 'the canary has no steps' };
  if (weights.some((w) => w === null)) return { ms: null, words: 'steps unreadable', how: 'a step is not a number' };
  // Argo shifts to 100% by itself after the last step; native and Flagger stop where the steps stop.
  if (plan.format === 'native' && last !== null && last < 100) {
    return {
      ms: null,
      words: `stops at ${round(last)}%: never reaches full`,
      how: 'the last step is below 100%, so the rollout never completes',
    };
  }
  if (plan.format === 'argo') {
    if (plan.pauses.some((p) => p.durationMs === null)) {
      return {
        ms: null,
        words: 'waits for a human at a pause',
        how: 'a `pause: {}` without a duration waits until someone promotes the rollout',
      };
    }
    const ms = plan.pauses.reduce((sum, p) => sum + (p.durationMs ?? 0), 0);
    const n = plan.pauses.length;
    const stepAnalyses = (plan.analyses ?? []).filter((a) => a.kind === 'step').length;
    const pauses = n
      ? `the sum of ${n} pause${n === 1 ? '' : 's'} (setWeight steps themselves are instant)`
      : 'no pauses: every setWeight step follows at once';
    if (stepAnalyses) {
      return {
        ms: null,
        words: `${n ? `${spanWords(ms)} of pauses + ` : ''}analysis to full`,
        how: `${pauses}, plus as long as the ${stepAnalyses === 1 ? 'step analysis runs' : `${stepAnalyses} step analyses run`}`,
      };
    }
    return { ms, words: n ? `${spanWords(ms)} to full` : 'full right away', how: pauses };
  }
  const interval = plan.interval?.ms;
  if (interval === null || interval === undefined) {
    return { ms: null, words: 'time to full unknown', how: 'the canary has no readable `interval`' };
  }
  const ms = interval * weights.length;
  return {
    ms,
    words: `${spanWords(ms)} to full`,
    how: `${weights.length} step${weights.length === 1 ? '' : 's'} x ${spanWords(interval)} interval`,
  };
}

export interface RollbackWorstCase {
  /** Milliseconds from the first breaching check to the rollback, or null. */
  ms: number | null;
  /** "rolls back within 10 min" or why it does not. */
  words: string;
  how: string;
}

export function rollbackWorstCase(plan: CanaryPlan): RollbackWorstCase {
  if (!plan.rollback.automated) {
    const what = plan.rollback.value ? ` (on_failure: ${plan.rollback.value})` : '';
    return {
      ms: null,
      words: `never rolls back by itself${what}`,
      how: 'nothing is set to roll back automatically: a person has to notice and act',
    };
  }
  const limit = plan.failureLimit ?? 0;
  const checks = limit + 1;
  const interval = plan.interval?.ms;
  if (interval === null || interval === undefined) {
    return {
      ms: null,
      words: 'rolls back, after an unknown time',
      how: `after ${checks} breaching check${checks === 1 ? '' : 's'}, but the check interval is not known`,
    };
  }
  const ms = interval * checks;
  const tolerated =
    limit === 0
      ? 'failure_limit 0: the first breach acts'
      : `failure_limit ${limit} tolerates ${limit} breach${limit === 1 ? '' : 'es'}`;
  return {
    ms,
    words: `rolls back within ${spanWords(ms)}`,
    how: `${checks} breaching check${checks === 1 ? '' : 's'} x ${spanWords(interval)} interval; ${tolerated}`,
  };
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
