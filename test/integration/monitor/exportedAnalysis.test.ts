/**
 * What `export argo` writes, Argo's controller would run: `release-safety analyze` evaluates the
 * exported AnalysisTemplate against the same real Prometheus the native canary reads, and its
 * verdict follows the demo canary (Successful while healthy, Failed once its error rate rises).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { startDemoServices } from '../../../src/demo/demoServices';
import { hasPrometheus, startPrometheus, waitForData } from '../canary/prometheusServer';

const CANARY = '{job="demo",track="canary"}';
const BASELINE = '{job="demo",track="stable"}';

async function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd, env: {}, isTTY: false });
  return { code, out, err };
}

test(
  'export argo, then analyze the exported template against the same Prometheus',
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
        canary: { errorRate: 0.2, latencyMs: 80 },
        stable: { errorRate: 0.2, latencyMs: 80 },
      },
    });
    t.after(() => demo.close());
    const prom = await startPrometheus([
      { address: `127.0.0.1:${demo.stable.port}`, labels: { track: 'stable' } },
      { address: `127.0.0.1:${demo.canary.port}`, labels: { track: 'canary' } },
    ]);
    t.after(() => prom.stop());
    const dir = mkdtempSync(join(tmpdir(), 'rs-export-analyze-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'canary.yaml'),
      `canary:\n  service: checkout\n  steps: [5, 25, 100]\n  interval: 10s\n  metrics:\n    - name: error-rate\n      threshold: "<= 5%"\n  on_failure: rollback\n  alerts:\n    - channel: slack:#deploys\n  source:\n    prometheus:\n      url: ${prom.url}\n      canary: '${CANARY}'\n      baseline: '${BASELINE}'\n`,
    );
    const exported = await cli(['export', 'argo', 'canary.yaml', '--output', 'rollout.yaml'], dir);
    assert.equal(exported.code, 0, exported.err);
    await waitForData(prom.url, `count_over_time(http_requests_total${CANARY}[10s]) >= 6`);

    const healthy = await cli(['analyze', 'rollout.yaml', '--format', 'json'], dir);
    assert.equal(healthy.code, 0, `${healthy.out}${healthy.err}`);
    const before = JSON.parse(healthy.out);
    const metrics = (Array.isArray(before) ? before : [before]).flatMap(
      (r: { metrics: Array<{ name: string; phase: string }> }) => r.metrics,
    );
    assert.deepEqual(
      metrics.map((m) => [m.name, m.phase]),
      [['error-rate', 'Successful']],
    );

    demo.traffic.settings.canary.errorRate = 40;
    // Bounded: the 10 s rate window fills with failures within a few scrapes.
    const deadline = Date.now() + 60_000;
    let failing = await cli(['analyze', 'rollout.yaml', '--format', 'json'], dir);
    while (failing.code !== 1 && Date.now() < deadline) {
      await waitForData(
        prom.url,
        `sum(rate(http_requests_total{job="demo",track="canary",code=~"5.."}[10s])) / sum(rate(http_requests_total${CANARY}[10s])) > 0.05`,
      );
      failing = await cli(['analyze', 'rollout.yaml', '--format', 'json'], dir);
    }
    assert.equal(failing.code, 1, `${failing.out}${failing.err}`);
    const after = JSON.parse(failing.out);
    const phases = (Array.isArray(after) ? after : [after]).flatMap((r: { metrics: Array<{ phase: string }> }) =>
      r.metrics.map((m) => m.phase),
    );
    assert.deepEqual(phases, ['Failed']);
  },
);
