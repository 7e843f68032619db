/** The monitor's schedule on a simulated clock: periods kept, no overlap, a slow journey delays only itself. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOnSchedule, type SchedulerClock } from '../../../src/core/monitor/journeyScheduler';

/** A clock whose sleeps resolve in time order as the test advances it. */
class FakeClock implements SchedulerClock {
  t = 0;
  private sleepers: Array<{ at: number; resolve: () => void }> = [];
  now = () => this.t;
  sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const entry = { at: this.t + ms, resolve };
      this.sleepers.push(entry);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  /** Moves time forward to `until`, waking sleepers (and letting their runs start) in order. */
  async advanceTo(until: number): Promise<void> {
    for (;;) {
      await flush();
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (!next || next.at > until) break;
      this.sleepers.shift();
      this.t = next.at;
      next.resolve();
    }
    this.t = until;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

test('each journey runs on its own period; a slow one skips its missed ticks and never overlaps; the fast one is not delayed', async () => {
  const clock = new FakeClock();
  const stop = new AbortController();
  const starts: Record<string, number[]> = { fast: [], slow: [] };
  let running = { fast: 0, slow: 0 };
  let maxConcurrent = { fast: 0, slow: 0 };
  const skipped: Array<[string, number]> = [];
  const done = runOnSchedule(
    [
      { journey: 'fast', periodMs: 10_000 },
      { journey: 'slow', periodMs: 10_000 },
    ],
    async (j: 'fast' | 'slow', signal) => {
      starts[j].push(clock.now());
      running = { ...running, [j]: running[j] + 1 };
      maxConcurrent = { ...maxConcurrent, [j]: Math.max(maxConcurrent[j], running[j]) };
      // The slow journey hangs for 25 s (its endpoint is slow); the fast one takes 1 s.
      await clock.sleep(j === 'slow' ? 25_000 : 1000, signal);
      running = { ...running, [j]: running[j] - 1 };
    },
    stop.signal,
    clock,
    { onSkippedTicks: (j, n) => skipped.push([j, n]) },
  );
  await clock.advanceTo(60_000);
  stop.abort();
  await done;
  assert.deepEqual(starts.fast, [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
  assert.deepEqual(starts.slow, [0, 30_000, 60_000]);
  assert.deepEqual(maxConcurrent, { fast: 1, slow: 1 });
  assert.deepEqual(skipped, [
    ['slow', 2],
    ['slow', 2],
  ]);
});

test('a run that throws does not stop the schedule', async () => {
  const clock = new FakeClock();
  const stop = new AbortController();
  let runs = 0;
  const done = runOnSchedule(
    [{ journey: 'x', periodMs: 5000 }],
    async () => {
      runs++;
      throw new Error('a bug in the run');
    },
    stop.signal,
    clock,
  );
  await clock.advanceTo(20_000);
  stop.abort();
  await done;
  assert.equal(runs, 5);
});
