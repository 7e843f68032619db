/**
 * The status model of a watched canary: plain, JSON-serialisable data that the CLI prints and a
 * webview renders. Every string in it (service, metric names, messages from a source) is text to
 * show as text, never markup.
 */
import type { MetricUnit } from '../model/metrics';
import type { SourceKind } from './source';
import type { ReadingBudget } from '../budget/liveSpend';

/** healthy < inconclusive < stale < breach in how bad they are; promoted is healthy at 100%. */
export type Verdict = 'healthy' | 'promoted' | 'inconclusive' | 'stale' | 'breach';

/** One gate in one reading (the shape of argo-rollouts' measurement phases). */
export type MetricPhase = 'pass' | 'fail' | 'inconclusive' | 'error';

export interface MetricReading {
  name: string;
  unit: MetricUnit | null;
  canary: number | null;
  baseline: number | null;
  /** The threshold as written (`<= baseline * 1.1`). */
  threshold: string | null;
  /** The threshold resolved to a number in the metric's unit; null without a baseline value. */
  limit: number | null;
  /** true within the gate, false breached, null when it cannot be judged. */
  pass: boolean | null;
  phase: MetricPhase;
  /** Breaching checks in a row (failure_limit tolerates that many). */
  consecutiveFailures: number;
  /** Why it is not a plain pass, in plain words. */
  message: string | null;
}

export interface CanaryReading {
  service: string;
  verdict: Verdict;
  /** One sentence that says why. */
  reason: string;
  /** When it was evaluated (ms since the epoch). */
  at: number;
  /** When the data was measured; null when the source never answered. */
  dataAt: number | null;
  windowMs: number | null;
  source: { kind: SourceKind; description: string; error: string | null; notes: string[] };
  /** The canary's share of requests snapped to the nearest step (percent). */
  weight: number | null;
  /** The canary's share of requests as measured (percent). */
  share: number | null;
  /** 1-based index of the current step in `steps`. */
  step: number | null;
  steps: number[];
  /** Time in the current step since watching saw it start. */
  timeInStepMs: number | null;
  intervalMs: number | null;
  requests: { canary: number | null; baseline: number | null };
  minRequests: number | null;
  failureLimit: number;
  metrics: MetricReading[];
  /** The risk budget: worst case, spent since watching began, allowance; null without a budget. */
  budget: ReadingBudget | null;
}

const ORDER: Record<Verdict, number> = { healthy: 0, promoted: 0, inconclusive: 1, stale: 2, breach: 3 };

/** The worse of two verdicts (the worst one wins, as in argo-rollouts' analysis). */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return ORDER[b] > ORDER[a] ? b : a;
}

/** Only these verdicts may be shown as "good". */
export function isGood(v: Verdict): boolean {
  return v === 'healthy' || v === 'promoted';
}
