/** `auth:` and `ca:` beside a source's URLs are part of the canary schema; a literal token is not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

const FILE = (auth: string) => `canary:
  service: checkout
  steps: [1, 5, 25, 100]
  interval: 1m
  on_failure: rollback
  min_requests: 100
  alerts:
    - channel: slack:#x
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  source:
    prometheus:
      url: https://prom.corp:9090
      canary: '{job="a",track="canary"}'
      baseline: '{job="a",track="stable"}'
      ca: certs/ca.pem
${auth}`;

async function lint(text: string): Promise<{ code: number; findings: { rule: string; line: number }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-schema-'));
  try {
    writeFileSync(join(dir, 'canary.yaml'), text);
    let out = '';
    const code = await main(['lint', 'canary.yaml', '--format', 'json'], {
      out: (s) => void (out += s),
      err: () => undefined,
      cwd: dir,
      env: {},
      isTTY: false,
    });
    return { code, findings: JSON.parse(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('source auth (basic, bearer) and ca lint clean; a literal bearer token is a schema finding', async () => {
  assert.deepEqual(
    (await lint(FILE('      auth:\n        basic: { user: bot, password: "${secret:PROM_PASSWORD}" }\n'))).findings,
    [],
  );
  assert.deepEqual((await lint(FILE('      auth: { bearer: "${secret:PROM_TOKEN}" }\n'))).findings, []);
  const literal = await lint(FILE('      auth: { bearer: hunter2 }\n'));
  assert.deepEqual(
    literal.findings.map((f) => [f.rule, f.line]),
    [['schema/invalid-value', 18]],
  );
});
