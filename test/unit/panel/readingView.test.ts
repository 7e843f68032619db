import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReadingView } from '../../../src/extension/panel/readingView';
import type { CanaryReading, MetricReading } from '../../../src/core/canary/reading';

/** A gate as the core reports it; only what the view reads differs between cases. */
const gate = (m: Omit<MetricReading, 'pass' | 'consecutiveFailures'>): MetricReading => ({
  ...m,
  pass: m.phase === 'pass' ? true : m.phase === 'fail' ? false : null,
  consecutiveFailures: 0,
});

const live: CanaryReading = {
  service: 'checkout',
  verdict: 'stale',
  reason: 'the canary endpoint did not answer',
  at: 5000,
  dataAt: 4000,
  windowMs: 60_000,
  warmingUp: false,
  source: {
    kind: 'scrape',
    description: 'scrape',
    error: 'http://127.0.0.1:9102/metrics: connection refused. Is the canary running?',
    notes: [],
  },
  weight: 25,
  share: 24.2,
  step: 3,
  steps: [1, 5, 25, 50, 100],
  timeInStepMs: 40_000,
  intervalMs: 60_000,
  requests: { canary: null, baseline: null },
  minRequests: null,
  failureLimit: 0,
  budget: null,
  metrics: [
    gate({
      name: 'error-rate',
      unit: '%',
      canary: NaN,
      baseline: 0.5,
      threshold: '<= 1%',
      limit: 1,
      phase: 'error',
      message: 'the query returned NaN',
    }),
    gate({
      name: 'p99-latency',
      unit: 'ms',
      canary: 200,
      baseline: 190,
      threshold: '<= baseline * 1.1',
      limit: 209,
      phase: 'pass',
      message: null,
    }),
    gate({
      name: 'custom',
      unit: null,
      canary: null,
      baseline: null,
      threshold: null,
      limit: null,
      phase: 'inconclusive',
      message: null,
    }),
  ],
};

test('a core reading becomes the panel model: step index, measured share, errors, phases', () => {
  const v = toReadingView(live);
  assert.equal(v.verdict, 'stale');
  assert.deepEqual(v.staircase, {
    steps: [1, 5, 25, 50, 100],
    current: 2,
    weight: 24.2,
    intervalMs: 60_000,
    timeInStepMs: 40_000,
  });
  assert.deepEqual(v.errors, ['http://127.0.0.1:9102/metrics: connection refused. Is the canary running?']);
  assert.deepEqual(
    v.gates.map((g) => g.phase),
    ['inconclusive', 'pass', 'inconclusive'],
    'an error never shows as a pass',
  );
  assert.equal(v.gates[0]!.canary, null, 'NaN becomes no data');
  assert.equal(v.gates[0]!.note, 'the query returned NaN');
  assert.equal(v.gates[2]!.unit, '');
  assert.equal(v.gates[2]!.threshold, 'no threshold');
  assert.equal('note' in v.gates[1]!, false);
});

test('a step outside the staircase is unknown, not a crash', () => {
  assert.equal(toReadingView({ ...live, step: 9 }).staircase.current, null);
  assert.equal(toReadingView({ ...live, step: null, share: null }).staircase.weight, 25);
});
