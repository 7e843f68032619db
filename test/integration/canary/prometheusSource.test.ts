/**
 * The prometheus source against a real Prometheus (Debian's package) scraping the demo services
 * every second: verdicts for a healthy and a breaching canary, history for charts, and the
 * answers that are not numbers (refused queries, NaN, +Inf, empty vectors, stale targets).
 */
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import assert from 'node:assert/strict';
import { PrometheusSource } from '../../../src/core/canary/prometheusSource';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import { startDemoServices } from '../../../src/demo/demoServices';
import { metric, plan } from '../../unit/canary/planFixture';
import { hasPrometheus, startPrometheus, waitForData } from './prometheusServer';
import { startExporter } from './fixtureExporter';

const skip = hasPrometheus ? false : '/usr/bin/prometheus is not installed (scripts/ensure-system-deps.sh installs it)';
const CANARY = '{job="demo",track="canary"}';
const BASELINE = '{job="demo",track="stable"}';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(
  'prometheus source: healthy, then breach, history, odd answers, then stale',
  { skip, timeout: 180_000 },
  async (t) => {
    const demo = await startDemoServices({
      stablePort: 0,
      canaryPort: 0,
      traffic: { totalRps: 1000, canaryWeight: 25 },
    });
    t.after(() => demo.close());
    const prom = await startPrometheus([
      { address: `127.0.0.1:${demo.stable.port}`, labels: { track: 'stable' } },
      { address: `127.0.0.1:${demo.canary.port}`, labels: { track: 'canary' } },
    ]);
    t.after(() => prom.stop());
    // rate() over 5s needs a few scrapes of both targets.
    await waitForData(prom.url, `count_over_time(http_requests_total${CANARY}[10s]) >= 6`);
    await waitForData(prom.url, `count_over_time(http_requests_total${BASELINE}[10s]) >= 6`);

    const metrics = [
      metric('error-rate', '<= 1%'),
      metric('p99-latency', '<= baseline * 1.5'),
      metric('throughput', '>= 1 req/s'),
      metric('requests-custom', '>= 0', {
        unit: 'req/s',
        query: 'sum(rate(http_requests_total{{selector}}[{{interval}}]))',
      }),
    ];
    const p = plan({ metrics, minRequests: 20 });
    const source = new PrometheusSource({ url: prom.url, canary: CANARY, baseline: BASELINE, metrics, windowMs: 5000 });
    const watcher = new CanaryWatcher(p, source, { intervalMs: 2000 });

    const healthy = await watcher.poll();
    assert.equal(healthy.verdict, 'healthy', `${healthy.reason}\n${JSON.stringify(healthy.metrics)}\n${prom.log()}`);
    assert.equal(healthy.weight, 25);
    const er = healthy.metrics.find((m) => m.name === 'error-rate')!;
    assert.ok(er.canary !== null && er.canary < 1, `error rate ${er.canary}`);
    const tp = healthy.metrics.find((m) => m.name === 'throughput')!;
    const custom = healthy.metrics.find((m) => m.name === 'requests-custom')!;
    assert.ok(tp.canary! > 100 && tp.canary! < 500, `canary throughput ${tp.canary}`);
    assert.ok(Math.abs(custom.canary! - tp.canary!) < 1e-6, 'the custom query equals the built-in one');
    assert.ok(healthy.requests.canary! > 20);
    assert.ok(Date.now() - healthy.dataAt! < 5000, 'data time comes from the last scrape');

    const history = await source.history({ rangeMs: 60_000, stepMs: 1000 });
    assert.ok(history['error-rate'].canary.length >= 3, 'range query gives points for charts');
    assert.ok(history['throughput'].baseline.every((pt) => pt.v === null || pt.v > 0));

    // The CLI on a native file with a prometheus source.
    const dir = mkdtempSync(join(tmpdir(), 'rs-prom-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'canary.yaml'),
      `canary:\n  service: demo\n  steps: [5, 25, 100]\n  interval: 1m\n  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n  on_failure: rollback\n  min_requests: 20\n  source:\n    prometheus:\n      url: ${prom.url}\n      canary: '${CANARY}'\n      baseline: '${BASELINE}'\n`,
    );
    let out = '';
    const code = await main(['status', 'canary.yaml', '--once', '--window', '5s', '--format', 'json'], {
      out: (x) => (out += x),
      err: (x) => (out += x),
      cwd: dir,
      env: {},
      isTTY: false,
    });
    assert.equal(code, 0, out);
    assert.deepEqual(
      { ...JSON.parse(out), metrics: undefined },
      { service: 'demo', verdict: 'healthy', weight: 25, step: 2, metrics: undefined, budget: null },
    );

    await fetch(`${demo.canary.url}/control/error-rate?value=30`, { method: 'POST' });
    let breach = healthy;
    const deadline = Date.now() + 30_000;
    while (breach.verdict !== 'breach' && Date.now() < deadline) {
      await sleep(1000);
      breach = await watcher.poll();
    }
    assert.equal(breach.verdict, 'breach', breach.reason);
    const failed = breach.metrics.find((m) => m.name === 'error-rate')!;
    assert.equal(failed.pass, false);
    assert.ok(failed.canary! > 1, `error rate ${failed.canary}`);
    assert.equal(breach.metrics.find((m) => m.name === 'throughput')!.pass, true);

    // Answers that are not plain numbers.
    const odd = [
      metric('refused', '<= 1', {
        unit: 'count',
        query: 'sum(rate(http_requests_total{{selector}}[{{interval}}]) <html>',
      }),
      metric('nan', '<= 1', {
        unit: 'count',
        query: 'sum(rate(nonexistent_total{{selector}}[{{interval}}])) / 0 or vector(0) / 0',
      }),
      metric('inf', '<= 1', { unit: 'count', query: 'vector(1) / 0' }),
      metric('empty', '<= 1', { unit: 'count', query: 'sum(rate(nonexistent_total{{selector}}[{{interval}}]))' }),
      metric('many', '<= 1', { unit: 'count', query: 'rate(http_requests_total{{selector}}[{{interval}}])' }),
    ];
    const oddSource = new PrometheusSource({
      url: prom.url,
      canary: CANARY,
      baseline: BASELINE,
      metrics: odd,
      windowMs: 5000,
    });
    const s = await oddSource.read();
    assert.match(s.metricErrors['refused'], /^Prometheus refused the query: .*parse error/);
    assert.equal(s.canary.values['nan'], null);
    assert.equal(s.metricErrors['nan'], undefined, 'NaN is no data, not an error');
    assert.match(s.metricErrors['inf'], /\+Inf/);
    assert.equal(s.canary.values['empty'], null);
    assert.equal(s.metricErrors['empty'], undefined);
    assert.match(s.metricErrors['many'], /returned \d+ series; aggregate it/);
    const oddReading = new CanaryWatcher(plan({ metrics: odd, minRequests: 0 }), oddSource, { intervalMs: 2000 });
    const r = await oddReading.poll();
    assert.equal(r.verdict, 'inconclusive');
    assert.deepEqual(
      r.metrics.map((m) => m.phase),
      ['error', 'inconclusive', 'error', 'inconclusive', 'error'],
    );

    // The canary stops: its last data ages past two polls -> stale.
    await demo.close();
    let stale = breach;
    const staleDeadline = Date.now() + 30_000;
    while (stale.verdict !== 'stale' && Date.now() < staleDeadline) {
      await sleep(1000);
      stale = await watcher.poll();
    }
    assert.equal(stale.verdict, 'stale', stale.reason);
    assert.match(stale.reason, /older than two polls/);

    // Prometheus itself goes away: stale, with the reason in words.
    await prom.stop();
    const down = await watcher.poll();
    assert.equal(down.verdict, 'stale');
    assert.match(down.source.error ?? '', /connection refused/);
  },
);

test('prometheus source: an endpoint that is not Prometheus is a clear error, and HTML in its answer stays text', async (t) => {
  const notProm = await startExporter('<html><body><script>alert(1)</script></body></html>');
  t.after(() => notProm.close());
  const base = notProm.url.replace(/\/metrics$/, '');
  const metrics = [metric('error-rate', '<= 1%')];
  const src = new PrometheusSource({ url: base, canary: CANARY, baseline: BASELINE, metrics, windowMs: 5000 });
  await assert.rejects(
    src.read(),
    /answered HTTP 200 without Prometheus JSON; check that the url points at the Prometheus server/,
  );
  notProm.body = JSON.stringify({ status: 'error', errorType: 'bad_data', error: '<img src=x onerror=alert(1)>' });
  notProm.status = 400;
  const s = await src.read();
  assert.equal(s.metricErrors['error-rate'], 'Prometheus refused the query: <img src=x onerror=alert(1)> (bad_data).');
  const w = new CanaryWatcher(plan({ metrics }), src, { intervalMs: 1000 });
  const reading = await w.poll();
  const wire = JSON.parse(JSON.stringify(reading));
  assert.equal(wire.metrics[0].message, 'Prometheus refused the query: <img src=x onerror=alert(1)> (bad_data).');
  assert.equal(wire.metrics[0].phase, 'error');
});
