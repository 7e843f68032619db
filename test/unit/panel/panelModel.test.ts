import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendReading, HISTORY_MAX_POINTS, HISTORY_WINDOW_MS, type ChartSeries, type ReadingView } from '../../../src/extension/panel/panelModel';

function reading(at: number, canary: number, verdict: ReadingView['verdict'] = 'healthy', name = 'error-rate'): ReadingView {
  return {
    at,
    verdict,
    reason: '',
    staircase: { steps: [100], current: 0, weight: 100, intervalMs: null, timeInStepMs: null },
    gates: [{ name, unit: '%', canary, baseline: 0.5, threshold: '<= 1%', limit: 1, phase: 'pass' }],
    errors: [],
  };
}

test('chart history keeps the last 30 minutes only', () => {
  const charts: ChartSeries[] = [];
  const t0 = 1_700_000_000_000;
  for (let i = 0; i <= 240; i++) appendReading(charts, reading(t0 + i * 15_000, i)); // one hour at 15 s
  const points = charts[0]!.points;
  const last = t0 + 240 * 15_000;
  assert.equal(points.at(-1)![0], last);
  assert.ok(points[0]![0] >= last - HISTORY_WINDOW_MS);
  assert.equal(points.length, HISTORY_WINDOW_MS / 15_000 + 1);
});

test('chart history is capped in points even at a very short poll interval', () => {
  const charts: ChartSeries[] = [];
  for (let i = 0; i < 5000; i++) appendReading(charts, reading(1000 + i * 100, i));
  assert.equal(charts[0]!.points.length, HISTORY_MAX_POINTS);
  assert.equal(charts[0]!.points.at(-1)![1], 4999);
});

test('a stale reading leaves a gap instead of repeating old values; names like __proto__ stay data', () => {
  const charts: ChartSeries[] = [];
  appendReading(charts, reading(1000, 0.4, 'healthy', '__proto__'));
  appendReading(charts, reading(2000, 0.4, 'stale', '__proto__'));
  assert.equal(charts.length, 1);
  assert.equal(charts[0]!.name, '__proto__');
  assert.deepEqual(charts[0]!.points, [[1000, 0.4, 0.5, 1], [2000, null, null, 1]]);
  assert.equal(Object.getPrototypeOf(charts[0]), Object.prototype);
});
