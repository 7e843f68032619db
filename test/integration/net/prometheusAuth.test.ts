/**
 * A real Prometheus behind basic authentication (--web.config.file with a bcrypt hash made now),
 * scraping the demo services: `status` with `auth: {basic: ...}` reads it; a wrong password is
 * named as refused credentials and never shown as healthy; no credential is printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { startDemoServices } from '../../../src/demo/demoServices';
import { startPrometheus, waitForData } from '../canary/prometheusServer';

const USER = 'release-bot';
const PASSWORD = 'pr0m P@ss/w+rd=&"<x>';
const CANARY = '{job="demo",track="canary"}';
const BASELINE = '{job="demo",track="stable"}';

async function cli(args: string[], cwd: string, env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CommandIO = { out: (s) => void (out += s), err: (s) => void (err += s), cwd, env, isTTY: false };
  const code = await main(args, io);
  return { code, out, err, all: out + err };
}

function spellings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(`${USER}:${secret}`).toString('base64'),
  ];
}

test(
  'status against a real Prometheus with basic auth: read with the secret, refused without',
  { timeout: 180_000 },
  async (t) => {
    const demo = await startDemoServices({
      stablePort: 0,
      canaryPort: 0,
      traffic: { totalRps: 400, canaryWeight: 25 },
    });
    t.after(() => demo.close());
    const hash = bcrypt.hashSync(PASSWORD, 10);
    const basic = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` };
    const prom = await startPrometheus(
      [
        { address: `127.0.0.1:${demo.stable.port}`, labels: { track: 'stable' } },
        { address: `127.0.0.1:${demo.canary.port}`, labels: { track: 'canary' } },
      ],
      { webConfig: `basic_auth_users:\n  ${USER}: '${hash}'\n`, headers: basic },
    );
    t.after(() => prom.stop());
    const plain = await fetch(`${prom.url}/api/v1/query?query=up`);
    assert.equal(plain.status, 401, 'this Prometheus really wants credentials');
    await waitForData(prom.url, `count_over_time(http_requests_total${CANARY}[10s]) >= 6`, 60_000, basic);
    await waitForData(prom.url, `count_over_time(http_requests_total${BASELINE}[10s]) >= 6`, 60_000, basic);

    const dir = mkdtempSync(join(tmpdir(), 'rs-promauth-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = (auth: string) => `canary:
  service: checkout
  steps: [5, 25, 50, 100]
  interval: 1m
  on_failure: rollback
  metrics:
    - name: error-rate
      threshold: "<= 5%"
  source:
    prometheus:
      url: ${prom.url}
      canary: '${CANARY}'
      baseline: '${BASELINE}'
${auth}`;
    writeFileSync(
      join(dir, 'canary.yaml'),
      file(`      auth:\n        basic: { user: ${USER}, password: "\${secret:PROM_PASSWORD}" }\n`),
    );

    const ok = await cli(['status', 'canary.yaml', '--once', '--window', '5s', '--format', 'json'], dir, {
      PROM_PASSWORD: PASSWORD,
    });
    assert.equal(ok.code, 0, ok.all);
    const json = JSON.parse(ok.out);
    assert.equal(json.verdict, 'healthy', ok.out);
    assert.equal(json.weight, 25);

    const wrong = await cli(['status', 'canary.yaml', '--once', '--window', '5s'], dir, {
      PROM_PASSWORD: 'not-the-password',
    });
    assert.equal(wrong.code, 3, wrong.all);
    assert.match(
      wrong.all,
      /Prometheus refused the credentials \(HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/\); check the user and secret in source\.prometheus\.auth/,
    );
    assert.doesNotMatch(wrong.all, /\bhealthy\b/i);
    const wrongJson = await cli(['status', 'canary.yaml', '--once', '--window', '5s', '--format', 'json'], dir, {
      PROM_PASSWORD: 'not-the-password',
    });
    assert.equal(wrongJson.code, 3);
    assert.notEqual(JSON.parse(wrongJson.out).verdict, 'healthy');

    writeFileSync(join(dir, 'canary.yaml'), file(''));
    const none = await cli(['status', 'canary.yaml', '--once', '--window', '5s'], dir, {});
    assert.equal(none.code, 3, none.all);
    assert.match(none.all, /Prometheus refused the request: it needs credentials/);

    for (const r of [ok, wrong, wrongJson, none])
      for (const s of [...spellings(PASSWORD), ...spellings('not-the-password')])
        assert.ok(!r.all.includes(s), `a credential was printed: ${r.all}`);
  },
);
