/**
 * What the panel needs from the core's live canary watcher: the watcher's shape, so the editor
 * layer depends on the methods it uses and a factory can be swapped. Readings are the core's own
 * `CanaryReading` (src/core/canary/reading.ts): one model from the source to the view.
 */
import type { CanaryPlan } from '../../core/plan/canaryPlan';
import type { CanaryReading } from '../../core/canary/reading';
import type { LiveBudget } from '../../core/budget/liveSpend';
import type { ChartSeries } from '../../shared/panel/panelModel';

export interface LiveWatcher {
  /** Returns a function that removes the listener. */
  onReading(listener: (reading: CanaryReading) => void): () => void;
  /** Polls (with backoff while the source fails) until the signal aborts; can run again later. */
  run(signal: AbortSignal): Promise<void>;
  /** The wait before the next poll after `last`: above the interval while the source fails. */
  nextDelayMs(last: CanaryReading | undefined): number;
  /** Past chart points, when the source keeps history (Prometheus); rejects when it cannot answer. */
  backfill?(rangeMs: number, signal: AbortSignal): Promise<ChartSeries[]>;
}

/** Makes a watcher for a plan; throws an Error whose message says what to fix (no source, bad URL). */
export type WatcherFactory = (
  plan: CanaryPlan,
  options: {
    intervalMs: number;
    budget?: LiveBudget;
    /** The config file's folder: `ca:` paths are relative to it. */ baseDir?: string;
  },
) => LiveWatcher;
