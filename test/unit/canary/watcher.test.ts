import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import { SourceError, type CanarySource, type SourceSample } from '../../../src/core/canary/source';
import type { CanaryReading } from '../../../src/core/canary/reading';
import { metric, plan, sample } from './planFixture';

/** A source that follows a script: a sample, or an error message to fail with. */
class ScriptedSource implements CanarySource {
  readonly kind = 'scrape' as const;
  readonly description = 'scripted';
  calls = 0;
  constructor(private readonly script: (SourceSample | string)[]) {}
  async read(): Promise<SourceSample> {
    const step = this.script[Math.min(this.calls++, this.script.length - 1)];
    if (typeof step === 'string') throw new SourceError(step);
    return { ...step, at: Date.now() };
  }
}

const good = sample(
  0,
  { requests: 500, values: { 'error-rate': 0.1 } },
  { requests: 1500, values: { 'error-rate': 0.2 } },
);
const p = plan({ metrics: [metric('error-rate', '<= 1%')] });

test('backoff doubles while the source fails, up to the cap, and resets after an answer', async () => {
  const src = new ScriptedSource(['down', 'down', 'down', 'down', good]);
  const w = new CanaryWatcher(p, src, { intervalMs: 100, maxBackoffMs: 500 });
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) delays.push(w.nextDelayMs(await w.poll()));
  assert.deepEqual(delays, [200, 400, 500, 500, 100]);
  assert.equal(w.latest?.verdict, 'healthy');
  assert.deepEqual(
    w.history.toArray().map((r) => r.verdict),
    ['stale', 'stale', 'stale', 'stale', 'healthy'],
  );
});

test('run: a reading per poll to each listener, stops on abort, can run again with its state', async () => {
  const src = new ScriptedSource([good]);
  const w = new CanaryWatcher(p, src, { intervalMs: 20 });
  const seen: CanaryReading[] = [];
  const off = w.onReading((r) => seen.push(r));
  w.onReading(() => {
    throw new Error('a broken listener');
  });
  const controller = new AbortController();
  const running = w.run(controller.signal);
  assert.equal(w.isRunning, true);
  await assert.rejects(w.run(controller.signal), /already running/);
  while (seen.length < 3) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await running;
  assert.equal(w.isRunning, false);
  const count = seen.length;
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(seen.length, count, 'no reading after stop');
  assert.ok(seen.every((r) => r.verdict === 'healthy'));
  off();
  const again = new AbortController();
  const second = w.run(again.signal);
  await new Promise((r) => setTimeout(r, 30));
  again.abort();
  await second;
  assert.equal(seen.length, count, 'an unsubscribed listener hears nothing');
  assert.ok(w.history.size > count);
});

test('an unexpected exception from a source is a stale reading, not a crash', async () => {
  const src: CanarySource = {
    kind: 'prometheus',
    description: 'broken',
    read: async () => {
      throw new TypeError('boom');
    },
  };
  const w = new CanaryWatcher(p, src, { intervalMs: 1000 });
  const r = await w.poll();
  assert.equal(r.verdict, 'stale');
  assert.match(r.source.error ?? '', /boom/);
});

test('resuming after a pause longer than two polls makes the source forget its previous scrape', async () => {
  let resets = 0;
  let now = 1_000_000;
  const src: CanarySource = {
    kind: 'scrape',
    description: 's',
    read: async () => ({ ...good, at: now }),
    reset: () => void resets++,
  };
  const w = new CanaryWatcher(p, src, { intervalMs: 1000, clock: () => now });
  const stopAfterOne = async () => {
    const c = new AbortController();
    const off = w.onReading(() => c.abort());
    await w.run(c.signal);
    off();
  };
  await stopAfterOne();
  now += 1500; // a short pause: the window across it is still honest
  await stopAfterOne();
  assert.equal(resets, 0);
  now += 10_000;
  await stopAfterOne();
  assert.equal(resets, 1);
});
