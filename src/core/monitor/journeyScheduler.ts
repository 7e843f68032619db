/**
 * Runs each journey again and again on its own period, one loop per journey: a slow or hanging
 * journey delays only itself, and a journey never overlaps with itself (a run that outlasts its
 * period skips the ticks it missed instead of queueing them). Time and sleep are injected so a
 * day of runs can be simulated in a test. Stops when the signal aborts; in-flight runs get the
 * same signal.
 */
import { sleep as abortableSleep } from '../abortableSleep';

export interface ScheduledJourney<J> {
  journey: J;
  periodMs: number;
}

export interface SchedulerClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: SchedulerClock = { now: () => Date.now(), sleep: (ms, signal) => abortableSleep(ms, signal) };

export interface SchedulerEvents<J> {
  /** A tick came while the journey's previous run was still going: skipped, said once per tick. */
  onSkippedTicks?(journey: J, ticks: number): void;
}

export async function runOnSchedule<J>(
  jobs: ReadonlyArray<ScheduledJourney<J>>,
  runOnce: (journey: J, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
  clock: SchedulerClock = REAL_CLOCK,
  events: SchedulerEvents<J> = {},
): Promise<void> {
  await Promise.all(jobs.map((job) => loop(job, runOnce, signal, clock, events)));
}

async function loop<J>(
  job: ScheduledJourney<J>,
  runOnce: (journey: J, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
  clock: SchedulerClock,
  events: SchedulerEvents<J>,
): Promise<void> {
  const period = Math.max(1, job.periodMs);
  const start = clock.now();
  let tick = 0;
  while (!signal.aborted) {
    try {
      await runOnce(job.journey, signal);
    } catch {
      // runOnce reports its own failures as results; a bug there must not stop the schedule.
    }
    if (signal.aborted) break;
    // Next tick on the grid start + k x period, after now: missed ticks are skipped, not queued.
    const elapsedTicks = Math.floor((clock.now() - start) / period);
    const next = Math.max(tick + 1, elapsedTicks + 1);
    if (next > tick + 1) events.onSkippedTicks?.(job.journey, next - tick - 1);
    tick = next;
    const wait = start + tick * period - clock.now();
    if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined);
  }
}
