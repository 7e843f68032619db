/**
 * The panel's watcher fills its charts from a real Prometheus' query_range when a watch starts:
 * points for every gate, oldest first, each with its threshold resolved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreWatcherFactory } from '../../../src/extension/panel/coreWatcher';

const createCoreWatcher = coreWatcherFactory(() => undefined);
import { startDemoServices } from '../../../src/demo/demoServices';
import { metric, plan } from '../../unit/canary/planFixture';
import { hasPrometheus, startPrometheus, waitForData } from './prometheusServer';

const skip = hasPrometheus ? false : '/usr/bin/prometheus is not installed (scripts/ensure-system-deps.sh installs it)';

test('a Prometheus source backfills the charts from query_range', { skip, timeout: 120_000 }, async (t) => {
  const demo = await startDemoServices({ stablePort: 0, canaryPort: 0, traffic: { totalRps: 500, canaryWeight: 25 } });
  t.after(() => demo.close());
  const prom = await startPrometheus([
    { address: `127.0.0.1:${demo.stable.port}`, labels: { track: 'stable' } },
    { address: `127.0.0.1:${demo.canary.port}`, labels: { track: 'canary' } },
  ]);
  t.after(() => prom.stop());
  await waitForData(prom.url, 'count_over_time(http_requests_total{track="canary"}[20s]) >= 8');

  const p = plan({
    metrics: [metric('error-rate', '<= 1%'), metric('p99-latency', '<= baseline * 1.5')],
    source: {
      prometheus: { url: prom.url, canary: '{track="canary"}', baseline: '{track="stable"}' },
      requestsMetric: 'http_requests_total',
      latencyMetric: 'http_request_duration_seconds',
      statusLabel: 'code',
      ref: { offset: 0, length: 0 },
    },
  });
  const watcher = createCoreWatcher(p, { intervalMs: 2_500 });
  assert.ok(watcher.backfill, 'a Prometheus source offers history');
  // Prometheus keeps scraping while we ask: wait (bounded) until its history holds a few points.
  let series = await watcher.backfill!(60_000, AbortSignal.timeout(20_000));
  const deadline = Date.now() + 60_000;
  while (series.some((s) => s.points.filter((pt) => pt[1] !== null).length < 3) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    series = await watcher.backfill!(60_000, AbortSignal.timeout(20_000));
  }
  assert.deepEqual(
    series.map((s) => s.name),
    ['error-rate', 'p99-latency'],
  );
  for (const s of series) {
    const judged = s.points.filter((pt) => pt[1] !== null);
    assert.ok(judged.length >= 3, `${s.name}: ${judged.length} past points`);
    assert.ok(
      s.points.every((pt, i) => i === 0 || pt[0] > s.points[i - 1]![0]),
      'oldest first',
    );
  }
  const latency = series[1]!.points.filter((pt) => pt[2] !== null);
  assert.ok(
    latency.every((pt) => Math.abs(pt[3]! - pt[2]! * 1.5) < 1e-6),
    'the limit follows the baseline point by point',
  );

  const scrape = createCoreWatcher(
    plan({
      source: {
        scrape: { canary: demo.canary.metricsUrl, baseline: demo.stable.metricsUrl },
        requestsMetric: 'http_requests_total',
        latencyMetric: 'http_request_duration_seconds',
        statusLabel: 'code',
        ref: { offset: 0, length: 0 },
      },
    }),
    { intervalMs: 2_500 },
  );
  assert.equal(scrape.backfill, undefined, 'a scrape source has no history to offer');
});
