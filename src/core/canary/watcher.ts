/**
 * Watches one canary: reads its source every interval, evaluates, keeps a bounded history and
 * tells listeners about every reading. While the source fails it backs off (doubling up to a cap)
 * so a dead endpoint is not hammered; every failure still yields a `stale` reading. It stops when
 * the AbortSignal given to `run` aborts, and can be run again later (pause / resume) with its
 * state kept.
 */
import type { CanaryPlan } from '../plan/canaryPlan';
import { CanaryEvaluator } from './evaluator';
import { ReadingHistory } from './history';
import type { CanaryReading } from './reading';
import { SourceError, type CanarySource } from './source';
import { sleep } from '../abortableSleep';
import type { LiveBudget } from '../budget/liveSpend';

export interface CanaryWatcherOptions {
  /** Time between readings (the editor's poll setting, 15 s by default). */
  intervalMs: number;
  /** Longest wait while the source fails (default 5 minutes, never below the interval). */
  maxBackoffMs?: number;
  /** The scrape source's first reading only primes; the second comes this soon (default min(interval, 5 s)). */
  warmupDelayMs?: number;
  historySize?: number;
  clock?: () => number;
  /** The risk budget the canary's errors are metered against. */
  budget?: LiveBudget;
}

export type ReadingListener = (reading: CanaryReading) => void;

export class CanaryWatcher {
  readonly history: ReadingHistory;
  private readonly evaluator: CanaryEvaluator;
  private readonly listeners = new Set<ReadingListener>();
  private failuresInRow = 0;
  private running = false;
  private readonly clock: () => number;

  constructor(
    readonly plan: CanaryPlan,
    readonly source: CanarySource,
    private readonly options: CanaryWatcherOptions,
  ) {
    if (!(options.intervalMs > 0)) throw new RangeError('intervalMs must be above 0');
    this.clock = options.clock ?? Date.now;
    this.history = new ReadingHistory(options.historySize ?? 360);
    this.evaluator = new CanaryEvaluator(plan, {
      pollIntervalMs: options.intervalMs,
      source: { kind: source.kind, description: source.description },
      ...(options.budget ? { budget: options.budget } : {}),
    });
  }

  get latest(): CanaryReading | undefined {
    return this.history.latest();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Returns a function that removes the listener. */
  onReading(listener: ReadingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes one reading now, records it and tells the listeners. Rejects only when `signal` aborts. */
  async poll(signal?: AbortSignal): Promise<CanaryReading> {
    let reading: CanaryReading;
    try {
      const sample = await this.source.read(signal);
      this.failuresInRow = 0;
      reading = this.evaluator.evaluate({ ok: true, sample }, this.clock());
    } catch (e) {
      // Stopping is not a source failure: nothing to record or tell.
      if (signal?.aborted) throw signal.reason ?? new Error('stopped');
      this.failuresInRow++;
      const message =
        e instanceof SourceError
          ? e.message
          : `Unexpected problem reading the source: ${(e as Error)?.message ?? String(e)}`;
      reading = this.evaluator.evaluate({ ok: false, error: message }, this.clock());
    }
    this.history.push(reading);
    for (const l of this.listeners) {
      try {
        l(reading);
      } catch {
        // A listener's bug must not stop the watch.
      }
    }
    return reading;
  }

  /** How long to wait before the next reading, given the last one. */
  nextDelayMs(last: CanaryReading | undefined): number {
    const interval = this.options.intervalMs;
    if (this.failuresInRow > 0) {
      const cap = Math.max(interval, this.options.maxBackoffMs ?? 300_000);
      return Math.min(cap, interval * 2 ** Math.min(this.failuresInRow, 20));
    }
    if (last?.warmingUp) return this.options.warmupDelayMs ?? Math.min(interval, 5000);
    return interval;
  }

  /** Polls until `signal` aborts. Resolves (never rejects) once stopped. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error('this watcher is already running');
    this.running = true;
    // Resumed after a pause: a rate over the gap would blur what happened in it.
    const last = this.latest;
    if (last && this.clock() - last.at > 2 * this.options.intervalMs) this.source.reset?.();
    try {
      while (!signal.aborted) {
        let reading: CanaryReading;
        try {
          reading = await this.poll(signal);
        } catch {
          break; // aborted
        }
        if (signal.aborted) break;
        await sleep(this.nextDelayMs(reading), signal);
      }
    } finally {
      this.running = false;
    }
  }
}
