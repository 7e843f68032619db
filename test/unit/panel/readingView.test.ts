import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReadingView } from '../../../src/extension/panel/readingView';
import type { LiveReading } from '../../../src/extension/panel/liveCanary';

const live: LiveReading = {
  service: 'checkout',
  verdict: 'stale',
  reason: 'the canary endpoint did not answer',
  at: 5000,
  source: { error: 'http://127.0.0.1:9102/metrics: connection refused. Is the canary running?', notes: [] },
  weight: 25,
  share: 24.2,
  step: 3,
  steps: [1, 5, 25, 50, 100],
  timeInStepMs: 40_000,
  intervalMs: 60_000,
  metrics: [
    { name: 'error-rate', unit: '%', canary: NaN, baseline: 0.5, threshold: '<= 1%', limit: 1, phase: 'error', message: 'the query returned NaN' },
    { name: 'p99-latency', unit: 'ms', canary: 200, baseline: 190, threshold: '<= baseline * 1.1', limit: 209, phase: 'pass', message: null },
    { name: 'custom', unit: null, canary: null, baseline: null, threshold: null, limit: null, phase: 'inconclusive', message: null },
  ],
};

test('a core reading becomes the panel model: step index, measured share, errors, phases', () => {
  const v = toReadingView(live);
  assert.equal(v.verdict, 'stale');
  assert.deepEqual(v.staircase, { steps: [1, 5, 25, 50, 100], current: 2, weight: 24.2, intervalMs: 60_000, timeInStepMs: 40_000 });
  assert.deepEqual(v.errors, ['http://127.0.0.1:9102/metrics: connection refused. Is the canary running?']);
  assert.deepEqual(v.gates.map((g) => g.phase), ['inconclusive', 'pass', 'inconclusive'], 'an error never shows as a pass');
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
