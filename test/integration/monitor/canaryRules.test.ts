/** Alert rules for a canary with a prometheus source: one per gate, accepted by the real promtool. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exportText } from '../../../src/core/export/exportFile';

const PROMTOOL = '/usr/bin/promtool';

const CANARY = `canary:
  service: checkout
  steps: [5, 25, 100]
  interval: 2m
  metrics:
    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= baseline * 1.2"
    - name: throughput
      threshold: ">= 1 req/s"
  on_failure: rollback
  failure_limit: 2
  alerts:
    - channel: slack:#checkout-deploys
    - channel: email:release@example.com
  source:
    prometheus:
      url: http://127.0.0.1:9090
      canary: '{job="checkout",track="canary"}'
      baseline: '{job="checkout",track="stable"}'
`;

test(
  'one CanaryGateBreached per gate, the breach comparison, failure_limit as "for", channels as labels; promtool accepts it',
  {
    skip: existsSync(PROMTOOL)
      ? false
      : 'promtool is not installed (scripts/ensure-system-deps.sh installs prometheus)',
  },
  (t) => {
    const out = exportText('prometheus-rules', CANARY, 'canary.yaml');
    assert.ok(out.ok, out.ok ? '' : out.error);
    if (!out.ok) return;
    const rules = parse(out.text).groups[0].rules;
    assert.deepEqual(
      rules.map((r: { labels: { gate: string } }) => r.labels.gate),
      ['error-rate', 'p99-latency', 'throughput'],
    );
    assert.match(
      rules[0].expr,
      /^100 \* \(sum\(rate\(http_requests_total\{job="checkout",track="canary",code=~"5\.\*"\}\[120s\]\)\) or vector\(0\)\) \/ sum\(rate\(http_requests_total\{job="checkout",track="canary"\}\[120s\]\)\) > 1$/,
    );
    assert.match(rules[1].expr, /track="stable".* > 1\.2$/);
    assert.match(rules[2].expr, / < 1$/);
    assert.equal(rules[0].for, '4m', 'two tolerated breaches of a 2m interval');
    assert.deepEqual(
      { slack: rules[0].labels.slack, email: rules[0].labels.email, service: rules[0].labels.service },
      { slack: '#checkout-deploys', email: 'release@example.com', service: 'checkout' },
    );
    const dir = mkdtempSync(join(tmpdir(), 'rs-rules-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'rules.yml'), out.text);
    const check = spawnSync(PROMTOOL, ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  },
);

test('a file with nothing to alert on is a clear error that says why', () => {
  const out = exportText('prometheus-rules', CANARY.replace(/  source:[\s\S]*$/, ''), 'canary.yaml');
  assert.equal(out.ok, false);
  if (!out.ok) assert.match(out.error, /no synthetic journey and no canary with a prometheus source/);
});
