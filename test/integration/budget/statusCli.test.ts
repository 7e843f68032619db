/** `release-safety status` carries the risk budget: in JSON (null without a budget) and in words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { startDemoServices } from '../../../src/demo/demoServices';

async function status(dir: string, format: 'json' | 'text') {
  let out = '';
  let err = '';
  const code = await main(['status', 'canary.yaml', '--once', '--window', '1s', '--format', format], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: dir,
    env: {},
    isTTY: false,
  });
  return { code, out, err };
}

test('status --format json: budget from .release-safety.yaml, null without one', async (t) => {
  const demo = await startDemoServices({ stablePort: 0, canaryPort: 0, traffic: { totalRps: 400, canaryWeight: 25 } });
  t.after(() => demo.close());
  const dir = mkdtempSync(join(tmpdir(), 'rs-budget-status-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'canary.yaml'),
    `canary:\n  service: checkout\n  steps: [1, 5, 25, 50, 100]\n  interval: 5m\n  metrics:\n    - name: error-rate\n      threshold: "<= 5%"\n  on_failure: rollback\n  failure_limit: 1\n  min_requests: 1\n  source:\n    scrape:\n      canary: ${demo.canary.metricsUrl}\n      baseline: ${demo.stable.metricsUrl}\n`,
  );
  const without = await status(dir, 'json');
  assert.equal(JSON.parse(without.out).budget, null, without.err);

  writeFileSync(join(dir, '.release-safety.yaml'), 'budget:\n  slo: "99.9%"\n  window: 30d\n  max_spend: "10%"\n');
  const withBudget = await status(dir, 'json');
  const budget = JSON.parse(withBudget.out).budget;
  assert.deepEqual(Object.keys(budget), ['worstCasePercent', 'spentPercent', 'maxSpendPercent']);
  assert.ok(Math.abs(budget.worstCasePercent - 11.574) < 0.01, JSON.stringify(budget));
  assert.equal(budget.maxSpendPercent, 10);
  assert.ok(typeof budget.spentPercent === 'number' && budget.spentPercent >= 0, JSON.stringify(budget));

  const text = await status(dir, 'text');
  assert.match(
    text.out,
    /\n {2}budget: spent [\d.]+% of the error budget since watching began; worst case 11\.6%; allowed 10% per rollout\n/,
  );
});
