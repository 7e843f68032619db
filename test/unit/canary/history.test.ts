import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadingHistory } from '../../../src/core/canary/history';
import type { CanaryReading } from '../../../src/core/canary/reading';

function reading(i: number, verdict: CanaryReading['verdict'] = 'healthy'): CanaryReading {
  return {
    service: 's',
    verdict,
    reason: 'r',
    at: i * 1000,
    dataAt: i * 1000,
    windowMs: 1000,
    warmingUp: false,
    source: { kind: 'scrape', description: 'd', error: null, notes: [] },
    weight: 5,
    share: 5,
    step: 2,
    steps: [1, 5, 100],
    timeInStepMs: 0,
    intervalMs: 60_000,
    requests: { canary: 10, baseline: 190 },
    minRequests: null,
    failureLimit: 0,
    metrics: [
      {
        name: 'error-rate',
        unit: '%',
        canary: i,
        baseline: i / 2,
        threshold: '<= 1%',
        limit: 1,
        pass: true,
        phase: 'pass',
        consecutiveFailures: 0,
        message: null,
      },
    ],
    budget: null,
  };
}

test('the ring keeps the newest readings, oldest first, and never grows past its capacity', () => {
  const h = new ReadingHistory(3);
  assert.equal(h.latest(), undefined);
  for (let i = 1; i <= 5; i++) h.push(reading(i));
  assert.equal(h.size, 3);
  assert.deepEqual(
    h.toArray().map((r) => r.at),
    [3000, 4000, 5000],
  );
  assert.equal(h.latest()?.at, 5000);
  h.clear();
  assert.equal(h.size, 0);
  assert.throws(() => new ReadingHistory(0), RangeError);
});

test('series for a chart: seconds on x, gaps for stale readings, filtered by time', () => {
  const h = new ReadingHistory(10);
  h.push(reading(1));
  h.push(reading(2, 'stale'));
  h.push(reading(3));
  const s = h.series('error-rate');
  assert.deepEqual(s.t, [1, 2, 3]);
  assert.deepEqual(s.canary, [1, null, 3]);
  assert.deepEqual(s.baseline, [0.5, null, 1.5]);
  assert.deepEqual(s.limit, [1, 1, 1]);
  assert.deepEqual(h.series('error-rate', 2500).t, [3]);
  assert.deepEqual(h.series('nope').t, []);
});
