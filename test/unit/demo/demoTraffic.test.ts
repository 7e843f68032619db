import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DemoTraffic } from '../../../src/demo/demoTraffic';
import { parseExposition } from '../../../src/core/canary/exposition';
import { histogramQuantile } from '../../../src/core/canary/histogramQuantile';

function totals(text: string) {
  const e = parseExposition(text);
  assert.equal(e.skippedLines, 0, 'the demo writes valid exposition');
  let all = 0;
  let errors = 0;
  const byLe = new Map<number, number>();
  for (const s of e.samples) {
    if (s.name === 'http_requests_total') {
      all += s.value;
      if (s.labels.code === '500') errors += s.value;
    }
    if (s.name === 'http_request_duration_seconds_bucket') {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      byLe.set(le, (byLe.get(le) ?? 0) + s.value);
    }
  }
  return { all, errors, buckets: [...byLe].map(([le, count]) => ({ le, count })), types: e.types };
}

test('traffic splits by weight, follows the error rate and latency settings, and only grows', () => {
  let now = 1_000_000;
  const t = new DemoTraffic(
    {
      totalRps: 400,
      canaryWeight: 25,
      canary: { errorRate: 10, latencyMs: 300 },
      stable: { errorRate: 0, latencyMs: 50 },
    },
    () => now,
    7,
  );
  now += 60_000;
  t.advance();
  const canary = totals(t.render('canary'));
  const stable = totals(t.render('stable'));
  assert.equal(canary.types.get('http_request_duration_seconds'), 'histogram');
  const share = canary.all / (canary.all + stable.all);
  assert.ok(Math.abs(share - 0.25) < 0.03, `canary share ${share}`);
  assert.ok(Math.abs(canary.errors / canary.all - 0.1) < 0.01, `canary error rate ${canary.errors / canary.all}`);
  assert.equal(stable.errors, 0);
  const p50c = histogramQuantile(0.5, canary.buckets) * 1000;
  const p50s = histogramQuantile(0.5, stable.buckets) * 1000;
  assert.ok(p50c > 250 && p50c < 350, `canary p50 ${p50c}`);
  assert.ok(p50s > 40 && p50s < 60, `stable p50 ${p50s}`);

  now += 5_000;
  t.settings.canary.errorRate = 0;
  t.advance();
  const later = totals(t.render('canary'));
  assert.ok(later.all > canary.all, 'counters move over time');
  assert.ok(later.errors >= canary.errors, 'counters never go down');
});

test('no time passed, no traffic; a long sleep is capped', () => {
  let now = 0;
  const t = new DemoTraffic({ totalRps: 100 }, () => now);
  t.advance();
  assert.equal(totals(t.render('stable')).all, 0);
  now = 10 * 24 * 3600 * 1000;
  t.advance();
  const all = totals(t.render('stable')).all + totals(t.render('canary')).all;
  assert.ok(all < 100 * 3600 * 1.2, `at most an hour of traffic, got ${all}`);
});
