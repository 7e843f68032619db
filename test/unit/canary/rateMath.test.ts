import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesIncrease, totalIncrease } from '../../../src/core/canary/counterIncrease';
import { histogramQuantile } from '../../../src/core/canary/histogramQuantile';

test('increase of a counter, across a reset, and for a series that just appeared', () => {
  assert.equal(seriesIncrease(100, 150), 50);
  assert.equal(seriesIncrease(100, 100), 0);
  // Restart: the counter went back to 0 and then counted 30: all 30 are new.
  assert.equal(seriesIncrease(1000, 30), 30);
  assert.equal(seriesIncrease(undefined, 7), 7);
  assert.equal(seriesIncrease(5, NaN), 0);
  assert.equal(seriesIncrease(NaN, 9), 9);
  const prev = new Map([
    ['a', 10],
    ['b', 500],
    ['gone', 3],
  ]);
  const cur = new Map([
    ['a', 25],
    ['b', 20],
    ['new', 4],
  ]);
  assert.equal(totalIncrease(prev, cur), 15 + 20 + 4);
});

const B = (pairs: [number, number][]) => pairs.map(([le, count]) => ({ le, count }));

test('histogram quantiles match hand-computed values', () => {
  // 100 observations: 50 <= 0.1, 90 <= 0.5, 99 <= 1, 100 total.
  const h = B([
    [0.1, 50],
    [0.5, 90],
    [1, 99],
    [Infinity, 100],
  ]);
  // p50: rank 50 falls in the first bucket [0, 0.1] at 50/50 -> 0.1
  assert.equal(histogramQuantile(0.5, h), 0.1);
  // p25: rank 25 -> 0 + 0.1 * 25/50 = 0.05
  assert.equal(histogramQuantile(0.25, h), 0.05);
  // p90: rank 90 -> bucket (0.1, 0.5], 40 obs, rank 40 of 40 -> 0.5
  assert.equal(histogramQuantile(0.9, h), 0.5);
  // p70: rank 70 -> 0.1 + 0.4 * 20/40 = 0.3
  assert.ok(Math.abs(histogramQuantile(0.7, h) - 0.3) < 1e-12);
  // p95: rank 95 -> (0.5, 1], 9 obs, 5 of 9 -> 0.5 + 0.5*5/9
  assert.ok(Math.abs(histogramQuantile(0.95, h) - (0.5 + (0.5 * 5) / 9)) < 1e-12);
  // p99.5: rank 99.5 falls in +Inf -> the highest finite bound
  assert.equal(histogramQuantile(0.995, h), 1);
});

test('histogram edge cases behave as Prometheus does', () => {
  assert.ok(
    Number.isNaN(
      histogramQuantile(
        0.5,
        B([
          [0.1, 0],
          [Infinity, 0],
        ]),
      ),
    ),
    'no observations',
  );
  assert.ok(
    Number.isNaN(
      histogramQuantile(
        0.5,
        B([
          [0.1, 5],
          [1, 9],
        ]),
      ),
    ),
    'no +Inf bucket',
  );
  assert.ok(Number.isNaN(histogramQuantile(0.5, B([[Infinity, 9]]))), 'a single bucket');
  assert.equal(
    histogramQuantile(
      -0.1,
      B([
        [1, 1],
        [Infinity, 1],
      ]),
    ),
    -Infinity,
  );
  assert.equal(
    histogramQuantile(
      1.1,
      B([
        [1, 1],
        [Infinity, 1],
      ]),
    ),
    Infinity,
  );
  // Unsorted input and a non-monotonic bucket (scraped mid-update) are evened out.
  const messy = B([
    [Infinity, 10],
    [0.5, 8],
    [0.1, 9],
  ]);
  assert.equal(histogramQuantile(0.5, messy), 0.1 * (5 / 9));
});
