/**
 * What the panel needs from the core's live canary watcher (src/core/canary, owned by the status
 * work): a structural subset of its reading and watcher, so the editor layer depends on the shape it
 * uses and nothing more. The core's `CanaryWatcher` and `CanaryReading` satisfy these types.
 */
import type { CanaryPlan } from '../../core/plan/canaryPlan';
import type { LiveBudget, ReadingBudget } from '../../core/budget/liveSpend';

export type LiveVerdict = 'healthy' | 'promoted' | 'inconclusive' | 'stale' | 'breach';

export interface LiveMetricReading {
  name: string;
  unit: string | null;
  canary: number | null;
  baseline: number | null;
  threshold: string | null;
  limit: number | null;
  phase: 'pass' | 'fail' | 'inconclusive' | 'error';
  message: string | null;
}

export interface LiveReading {
  service: string;
  verdict: LiveVerdict;
  reason: string;
  at: number;
  source: { error: string | null; notes: string[] };
  /** The canary's share snapped to the nearest step (percent). */
  weight: number | null;
  /** The measured share of requests (percent). */
  share: number | null;
  /** 1-based index into `steps`. */
  step: number | null;
  steps: number[];
  timeInStepMs: number | null;
  intervalMs: number | null;
  metrics: LiveMetricReading[];
  /** Spent, worst case and allowance of the risk budget; null or absent without a budget. */
  budget?: ReadingBudget | null;
}

export interface LiveWatcher {
  /** Returns a function that removes the listener. */
  onReading(listener: (reading: LiveReading) => void): () => void;
  /** Polls (with backoff while the source fails) until the signal aborts; can run again later. */
  run(signal: AbortSignal): Promise<void>;
  /** The wait before the next poll after `last`: above the interval while the source fails. */
  nextDelayMs(last: LiveReading | undefined): number;
}

/** Makes a watcher for a plan; throws an Error whose message says what to fix (no source, bad URL). */
export type WatcherFactory = (plan: CanaryPlan, options: { intervalMs: number; budget?: LiveBudget }) => LiveWatcher;
