import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendReading,
  mergeBackfill,
  HISTORY_MAX_POINTS,
  HISTORY_WINDOW_MS,
  type ChartSeries,
  type ReadingView,
} from '../../../src/shared/panel/panelModel';
import { backfillSeries } from '../../../src/core/canary/backfill';
import { metric, plan } from '../canary/planFixture';

function reading(
  at: number,
  canary: number,
  verdict: ReadingView['verdict'] = 'healthy',
  name = 'error-rate',
): ReadingView {
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
  assert.deepEqual(charts[0]!.points, [
    [1000, 0.4, 0.5, 1],
    [2000, null, null, 1],
  ]);
  assert.equal(Object.getPrototypeOf(charts[0]), Object.prototype);
});

test('history fetched at the start goes before the live points, never doubling one', () => {
  const t0 = 1_700_000_000_000;
  const charts: ChartSeries[] = [];
  appendReading(charts, reading(t0 + 60_000, 9));
  const past: ChartSeries[] = [
    {
      name: 'error-rate',
      unit: '%',
      points: [
        [t0, 1, 0.5, 1],
        [t0 + 30_000, 2, 0.5, 1],
        [t0 + 60_000, 3, 0.5, 1],
      ],
    },
    { name: 'p99-latency', unit: 'ms', points: [[t0, 200, 190, 209]] },
  ];
  mergeBackfill(charts, past, t0 + 60_000);
  assert.deepEqual(
    charts[0]!.points.map((p) => p[1]),
    [1, 2, 9],
    'the live point at the same time wins',
  );
  assert.deepEqual(charts[1]!.points, [[t0, 200, 190, 209]]);
  mergeBackfill(charts, [{ name: 'error-rate', unit: '%', points: [[t0 - HISTORY_WINDOW_MS, 5, 5, 1]] }], t0 + 60_000);
  assert.equal(charts[0]!.points.length, 3, 'points older than the window are dropped');
});

test('backfill points carry the threshold resolved against each baseline', () => {
  const p = plan({ metrics: [metric('error-rate', '<= 1%'), metric('p99-latency', '<= baseline * 1.1')] });
  const series = backfillSeries(p, {
    'error-rate': {
      canary: [
        { t: 1000, v: 0.5 },
        { t: 2000, v: null },
      ],
      baseline: [{ t: 1000, v: 0.2 }],
    },
    'p99-latency': {
      canary: [{ t: 1000, v: 220 }],
      baseline: [
        { t: 1000, v: 200 },
        { t: 2000, v: 100 },
      ],
    },
  });
  assert.deepEqual(series[0], {
    name: 'error-rate',
    unit: '%',
    points: [
      [1000, 0.5, 0.2, 1],
      [2000, null, null, 1],
    ],
  });
  assert.deepEqual(
    series[1]!.points.map((pt) => pt[3]!.toFixed(1)),
    ['220.0', '110.0'],
  );
});
