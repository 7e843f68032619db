/**
 * Synthetic monitoring: each journey of a file runs on its own frequency, through the same runner
 * (and so the same safety refusals, write guard, limits and redaction) as `release-safety run`,
 * and every result lands in the metrics that Prometheus scrapes.
 */
import { setMaxListeners } from 'node:events';
import type { Journey } from '../synthetic/model';
import type { JourneyResult } from '../journey/result';
import { run, type RunOptions } from '../journey/runner';
import { JourneyMetrics } from './journeyMetrics';
import { REAL_CLOCK, runOnSchedule, type SchedulerClock } from './journeyScheduler';

/** A journey without a frequency (and no `--every`) runs every minute, Checkly's default. */
export const DEFAULT_FREQUENCY_MS = 60_000;

export interface MonitorOptions {
  /** Shown in the `file` label. */
  file: string;
  /** The `location` label: where this monitor runs. */
  location: string;
  /** Overrides every journey's frequency (`--every`). */
  everyMs?: number;
  runOptions: Omit<RunOptions, 'signal'>;
  metrics: JourneyMetrics;
  signal: AbortSignal;
  clock?: SchedulerClock;
  /** After each run, for a log line. */
  onResult?(journey: Journey, result: JourneyResult): void;
  /** A run outlasted its period: the ticks it missed were skipped, not queued. */
  onSkipped?(journey: Journey, ticks: number): void;
}

export function periodOf(journey: Journey, everyMs: number | undefined): number {
  return everyMs ?? journey.frequencyMs ?? DEFAULT_FREQUENCY_MS;
}

export async function monitorJourneys(journeys: readonly Journey[], options: MonitorOptions): Promise<void> {
  const clock = options.clock ?? REAL_CLOCK;
  // Every journey loop and its in-flight run listen to the one stop signal: that is by design.
  setMaxListeners(0, options.signal);
  for (const journey of journeys) options.metrics.declare(labelsOf(journey, options));
  await runOnSchedule(
    journeys.map((journey) => ({ journey, periodMs: periodOf(journey, options.everyMs) })),
    async (journey, signal) => {
      const result = await run([journey], { ...options.runOptions, signal });
      const jr = result.journeys[0];
      // A run cut short by the stop is not a result: it would page someone for our own shutdown.
      if (!jr || signal.aborted) return;
      options.metrics.record(labelsOf(journey, options), jr, clock.now());
      options.onResult?.(journey, jr);
    },
    options.signal,
    clock,
    { onSkippedTicks: (journey, ticks) => options.onSkipped?.(journey, ticks) },
  );
}

function labelsOf(journey: Journey, options: MonitorOptions) {
  return { journey: journey.name, file: options.file, location: options.location };
}
