import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScrapeSource } from '../../../src/core/canary/scrapeSource';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import { startDemoServices } from '../../../src/demo/demoServices';
import { metric, plan } from '../../unit/canary/planFixture';
import { closedPort, exposition, startExporter } from './fixtureExporter';

const METRICS = [
  metric('error-rate', '<= 1%'),
  metric('p50-latency', '<= 200ms'),
  metric('throughput', '>= 1 req/s'),
  metric('queue', '<= 10', { unit: 'count', query: 'queue_depth{{selector}}' }),
];

test('scrape source: rates, quantiles and counter resets from two real endpoints', async (t) => {
  const canary = await startExporter(
    exposition({ '200': 100, '500': 0 }, [
      ['0.1', 50],
      ['0.5', 90],
      ['+Inf', 100],
    ]),
  );
  const baseline = await startExporter(
    exposition({ '200': 1000 }, [
      ['0.1', 800],
      ['0.5', 990],
      ['+Inf', 1000],
    ]),
  );
  t.after(() => Promise.all([canary.close(), baseline.close()]));
  let now = 1_000_000;
  const src = new ScrapeSource({ canary: canary.url, baseline: baseline.url, metrics: METRICS, clock: () => now });

  const first = await src.read();
  assert.equal(first.warmingUp, true);
  assert.equal(first.canary.values['error-rate'], null);

  // 10 s later: canary +200 requests of which 10 are 500s (the 500 series appears: counts from 0);
  // latency increases: 100 in <=0.1, 80 in (0.1,0.5], 20 above -> p50 rank 100 = 0.1 * 100/100 = 100 ms.
  canary.body = exposition(
    { '200': 290, '500': 10 },
    [
      ['0.1', 150],
      ['0.5', 270],
      ['+Inf', 300],
    ],
    'queue_depth{q="a"} 3\nqueue_depth{q="b"} 4\n',
  );
  baseline.body = exposition({ '200': 1400 }, [
    ['0.1', 1100],
    ['0.5', 1390],
    ['+Inf', 1400],
  ]);
  now += 10_000;
  const s = await src.read();
  assert.equal(s.warmingUp, undefined);
  assert.equal(s.windowMs, 10_000);
  assert.equal(s.canary.requests, 200);
  assert.equal(s.canary.values['error-rate'], 5);
  assert.equal(s.canary.values['throughput'], 20);
  assert.equal(s.canary.values['p50-latency'], 100);
  assert.equal(s.canary.values['queue'], 7);
  assert.equal(s.baseline.requests, 400);
  assert.equal(s.baseline.values['error-rate'], 0);
  // baseline: increases 300 <=0.1, 290 in (0.1,0.5]: p50 rank 200 -> 0.1 * 200/300 = 66.67 ms
  assert.ok(Math.abs(s.baseline.values['p50-latency']! - 200 / 3) < 1e-9);

  // The canary restarts: its counters start again from zero and count 40 (4 errors).
  canary.body = exposition({ '200': 36, '500': 4 }, [
    ['0.1', 40],
    ['0.5', 40],
    ['+Inf', 40],
  ]);
  now += 10_000;
  const afterReset = await src.read();
  assert.equal(afterReset.canary.requests, 40);
  assert.equal(afterReset.canary.values['error-rate'], 10);
  assert.equal(afterReset.canary.values['p50-latency'], 50);
});

test('scrape source: garbage lines are skipped and reported; a dead, failing or slow endpoint is a clear SourceError', async (t) => {
  const canary = await startExporter(exposition({ '200': 1 }, [], 'garbage line here\n<html>oops</html>\n'));
  const baseline = await startExporter(exposition({ '200': 1 }));
  t.after(() => Promise.all([canary.close(), baseline.close()]));
  const src = new ScrapeSource({ canary: canary.url, baseline: baseline.url, metrics: METRICS });
  const s = await src.read();
  assert.match(s.notes.join(' '), /2 unreadable line\(s\) skipped in the canary metrics/);
  assert.equal(s.metricErrors['queue'], undefined);

  baseline.status = 503;
  await assert.rejects(src.read(), /baseline endpoint .* answered HTTP 503/);
  baseline.status = 200;
  // Only the slow case gets a short timeout: a busy test machine must not fail the others.
  const impatient = new ScrapeSource({ canary: canary.url, baseline: baseline.url, metrics: METRICS, timeoutMs: 500 });
  canary.delayMs = 10_000;
  await assert.rejects(impatient.read(), /did not answer within 0\.5s/);
  canary.delayMs = 0;
  const dead = new ScrapeSource({
    canary: `http://127.0.0.1:${await closedPort()}/metrics`,
    baseline: baseline.url,
    metrics: METRICS,
  });
  await assert.rejects(dead.read(), /connection refused/);
  assert.throws(
    () => new ScrapeSource({ canary: 'ftp://x/metrics', baseline: baseline.url, metrics: METRICS }),
    /use http or https/,
  );
});

test('scrape source: credentials in a URL are sent, never shown', async (t) => {
  const canary = await startExporter(exposition({ '200': 1 }));
  const baseline = await startExporter(exposition({ '200': 1 }));
  t.after(() => Promise.all([canary.close(), baseline.close()]));
  const withCreds = canary.url.replace('http://', 'http://admin:s3cr3t-pw@');
  const src = new ScrapeSource({ canary: withCreds, baseline: baseline.url, metrics: METRICS });
  assert.doesNotMatch(src.description, /s3cr3t-pw|admin/);
  await src.read();
  canary.status = 500;
  const err = await src.read().then(
    () => undefined,
    (e: Error) => e.message,
  );
  assert.ok(err && !err.includes('s3cr3t-pw'), err);
});

test('scrape source against the demo services: healthy, then a breach after the canary error rate is raised', async (t) => {
  const demo = await startDemoServices({ stablePort: 0, canaryPort: 0, traffic: { totalRps: 2000, canaryWeight: 25 } });
  t.after(() => demo.close());
  const p = plan({
    metrics: [metric('error-rate', '<= 1%'), metric('p99-latency', '<= 1s')],
    minRequests: 20,
    failureLimit: 0,
  });
  p.source = {
    scrape: { canary: demo.canary.metricsUrl, baseline: demo.stable.metricsUrl },
    requestsMetric: 'http_requests_total',
    latencyMetric: 'http_request_duration_seconds',
    statusLabel: 'code',
    ref: { offset: 0, length: 0 },
  };
  const src = new ScrapeSource({
    canary: demo.canary.metricsUrl,
    baseline: demo.stable.metricsUrl,
    metrics: p.metrics,
  });
  const watcher = new CanaryWatcher(p, src, { intervalMs: 300 });
  await watcher.poll();
  await new Promise((r) => setTimeout(r, 300));
  const healthy = await watcher.poll();
  assert.equal(healthy.verdict, 'healthy', healthy.reason);
  assert.equal(healthy.weight, 25);

  const res = await fetch(`${demo.canary.url}/control/error-rate?value=20`, { method: 'POST' });
  assert.equal(res.status, 200);
  await new Promise((r) => setTimeout(r, 300));
  await watcher.poll(); // the window that straddles the change
  await new Promise((r) => setTimeout(r, 300));
  const breach = await watcher.poll();
  assert.equal(breach.verdict, 'breach', breach.reason);
  const er = breach.metrics.find((m) => m.name === 'error-rate')!;
  assert.ok(er.canary! > 10 && er.canary! < 30, `error rate ${er.canary}`);
  assert.equal(er.pass, false);

  await demo.close();
  const stale = await watcher.poll();
  assert.equal(stale.verdict, 'stale');
  assert.match(stale.source.error ?? '', /connection refused/);
});
