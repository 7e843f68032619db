/**
 * The live budget against real endpoints: the demo services' real /metrics over HTTP (on a
 * simulated clock, so no test waits for time to pass), and a real Prometheus scraping them.
 * The spent figure stays flat while the canary is healthy and grows while it fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { findCanaries } from '../../../src/core/canary/watchableCanary';
import { createSource } from '../../../src/core/canary/createSource';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import { ScrapeSource } from '../../../src/core/canary/scrapeSource';
import { startDemoServices } from '../../../src/demo/demoServices';
import { hasPrometheus, startPrometheus, waitForData } from '../canary/prometheusServer';

const BUDGET = { slo: '99.9%', window: '30d', max_spend: '10%' };

function canaryYaml(source: string): string {
  return `canary:
  service: checkout
  steps: [1, 5, 25, 50, 100]
  interval: 5m
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  on_failure: rollback
  failure_limit: 1
  min_requests: 10
${source}`;
}

test('scrape source: spend flat while healthy, growing while the canary fails', async (t) => {
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const demo = await startDemoServices({
    stablePort: 0,
    canaryPort: 0,
    clock,
    traffic: {
      totalRps: 400,
      canaryWeight: 25,
      canary: { errorRate: 0, latencyMs: 80 },
      stable: { errorRate: 0, latencyMs: 80 },
    },
  });
  t.after(() => demo.close());
  const text = canaryYaml(
    `  source:\n    scrape:\n      canary: ${demo.canary.metricsUrl}\n      baseline: ${demo.stable.metricsUrl}\n`,
  );
  const [chosen] = findCanaries(parseFile(text), BUDGET);
  assert.ok(chosen.budget, 'the config budget applies to the canary');
  assert.ok(Math.abs(chosen.budget!.worstCasePercent! - 11.574) < 0.01);
  const plan = chosen.plan;
  const source = new ScrapeSource({
    canary: plan.source!.scrape!.canary,
    baseline: plan.source!.scrape!.baseline,
    metrics: plan.metrics,
    clock,
  });
  const watcher = new CanaryWatcher(plan, source, { intervalMs: 10_000, clock, budget: chosen.budget! });
  const spentAfter = async (seconds: number) => {
    now += seconds * 1000;
    const r = await watcher.poll();
    return r;
  };
  await spentAfter(0); // the first scrape only primes
  const healthy = [await spentAfter(10), await spentAfter(10), await spentAfter(10)];
  for (const r of healthy) assert.equal(r.verdict, 'healthy', r.reason);
  assert.deepEqual(
    healthy.map((r) => r.budget!.spentPercent),
    [0, 0, 0],
    'no failed request, nothing spent',
  );

  demo.traffic.settings.canary.errorRate = 20;
  const failing = [await spentAfter(10), await spentAfter(10), await spentAfter(10)];
  const spent = failing.map((r) => r.budget!.spentPercent!);
  assert.ok(spent[0] > 0 && spent[1] > spent[0] && spent[2] > spent[1], `growing: ${spent.join(', ')}`);
  // 100 canary req/s at 20% for 30 s = 600 failed; the window allows 0.001 x 400 x 2,592,000.
  const expected = (100 * 600) / (0.001 * 400 * 2_592_000);
  assert.ok(Math.abs(spent[2] - expected) / expected < 0.15, `${spent[2]} vs about ${expected}`);
  assert.equal(failing[2].budget!.maxSpendPercent, 10);
});

test(
  'prometheus source: the spend grows while the demo canary fails',
  {
    skip: hasPrometheus ? false : '/usr/bin/prometheus is not installed (scripts/ensure-system-deps.sh installs it)',
    timeout: 180_000,
  },
  async (t) => {
    const demo = await startDemoServices({
      stablePort: 0,
      canaryPort: 0,
      traffic: {
        totalRps: 1000,
        canaryWeight: 25,
        canary: { errorRate: 0, latencyMs: 80 },
        stable: { errorRate: 0, latencyMs: 80 },
      },
    });
    t.after(() => demo.close());
    const prom = await startPrometheus([
      { address: `127.0.0.1:${demo.stable.port}`, labels: { track: 'stable' } },
      { address: `127.0.0.1:${demo.canary.port}`, labels: { track: 'canary' } },
    ]);
    t.after(() => prom.stop());
    const CANARY = '{job="demo",track="canary"}';
    const BASELINE = '{job="demo",track="stable"}';
    await waitForData(prom.url, `count_over_time(http_requests_total${CANARY}[10s]) >= 6`);
    const text = canaryYaml(
      `  source:\n    prometheus:\n      url: ${prom.url}\n      canary: '${CANARY}'\n      baseline: '${BASELINE}'\n`,
    );
    const [chosen] = findCanaries(parseFile(text), BUDGET);
    const watcher = new CanaryWatcher(chosen.plan, createSource(chosen.plan, { windowMs: 5000 }), {
      intervalMs: 2000,
      budget: chosen.budget!,
    });

    const healthy = await watcher.poll();
    assert.equal(healthy.verdict, 'healthy', healthy.reason);
    assert.equal(healthy.budget!.spentPercent, 0);

    demo.traffic.settings.canary.errorRate = 30;
    // Wait (bounded) until Prometheus has scraped failures, then read until the spend has grown twice.
    await waitForData(prom.url, `sum(rate(http_requests_total{job="demo",track="canary",code=~"5.."}[5s])) > 0`);
    const seen: number[] = [];
    const deadline = Date.now() + 60_000;
    let lastAt = 0;
    while (seen.length < 3 && Date.now() < deadline) {
      await waitForData(prom.url, `timestamp(up{track="canary"}) > ${lastAt / 1000}`);
      const r = await watcher.poll();
      if (r.dataAt !== null && r.dataAt > lastAt && r.budget?.spentPercent !== null && r.budget!.spentPercent! > 0) {
        seen.push(r.budget!.spentPercent!);
        lastAt = r.dataAt;
      }
    }
    assert.equal(seen.length, 3, `three readings with a spend: ${seen.join(', ')}`);
    assert.ok(seen[1] > seen[0] && seen[2] > seen[1], `the spend grows: ${seen.join(', ')}`);
  },
);
