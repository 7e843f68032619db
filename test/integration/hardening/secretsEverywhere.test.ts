/**
 * Secrets in play on the paths test/integration/journey/secretLeak.test.ts does not cover:
 * lint output for a file holding literal secrets (every format, and --fix), and live status with
 * credentials in the source URLs (healthy, failing and dead sources; text and json; the reading
 * the panel receives). Every byte written is scanned for the secret values. The run reporters,
 * --output files and screenshot names are scanned by secretLeak.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { ScrapeSource } from '../../../src/core/canary/scrapeSource';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import { toReadingView } from '../../../src/extension/panel/readingView';
import { exposition, startExporter } from '../canary/fixtureExporter';
import { metric, plan } from '../../unit/canary/planFixture';

const LITERAL_PASSWORD = 'Lit3ral-Pa55w0rd-q7';
const LITERAL_TOKEN = 'ghp_L1teralTokenValue0123456789abcdef';
const SCRAPE_PASSWORD = 'scr4pe-Pw-zz91';

function scan(where: string, text: string, secrets: string[]): void {
  for (const s of secrets) {
    for (const spelling of [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]) {
      assert.ok(
        !text.includes(spelling),
        `${where} leaks a secret (${spelling.slice(0, 4)}...):\n${text.slice(0, 3000)}`,
      );
    }
  }
}

async function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const io: CommandIO = { out: (s) => void (out += s), err: (s) => void (err += s), cwd, env: {}, isTTY: false };
  const code = await main(args, io);
  return { code, out, err, all: out + err };
}

test('lint: literal secrets are found and never echoed, in every format and with --fix', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-secrets-lint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = `synthetic:
  base_url: https://shop.example.com
  frequency: 60s
  locations: [us-east, eu-west]
  alerts: [{ channel: "pagerduty:web" }]
  journeys:
    - name: login
      steps:
        - request: POST /api/login
          side_effects: sandbox
          headers: { Authorization: "Bearer ${LITERAL_TOKEN}" }
          body: { user: test, password: "${LITERAL_PASSWORD}" }
          expect: { status: 200 }
`;
  const write = () => writeFileSync(join(dir, 'journeys.yaml'), file);
  write();
  for (const format of ['text', 'json', 'sarif']) {
    const r = await cli(['lint', 'journeys.yaml', '--format', format], dir);
    assert.match(r.all, /hardcoded-secret/, `${format}: the secrets are reported`);
    scan(`lint --format ${format}`, r.all, [LITERAL_PASSWORD, LITERAL_TOKEN]);
  }
  const fixed = await cli(['lint', 'journeys.yaml', '--fix'], dir);
  scan('lint --fix', fixed.all, [LITERAL_PASSWORD, LITERAL_TOKEN]);
});

test('status: credentials in scrape URLs never reach text, json, errors or the panel reading', async (t) => {
  const canary = await startExporter(exposition({ '200': 1000, '500': 1 }));
  const baseline = await startExporter(exposition({ '200': 3000, '500': 3 }));
  t.after(() => Promise.all([canary.close(), baseline.close()]));
  const withCreds = (url: string) => url.replace('http://', `http://monitor:${SCRAPE_PASSWORD}@`);
  const dir = mkdtempSync(join(tmpdir(), 'rs-secrets-status-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'canary.yaml'),
    `canary:\n  service: checkout\n  steps: [5, 25, 100]\n  interval: 1m\n  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n  on_failure: rollback\n  min_requests: 0\n  source:\n    scrape:\n      canary: ${withCreds(canary.url)}\n      baseline: ${withCreds(baseline.url)}\n`,
  );
  const outputs: string[] = [];
  for (const format of ['text', 'json'])
    outputs.push((await cli(['status', 'canary.yaml', '--once', '--format', format], dir)).all);
  canary.status = 500;
  canary.body = `internal error, auth was monitor:${SCRAPE_PASSWORD}`;
  for (const format of ['text', 'json'])
    outputs.push((await cli(['status', 'canary.yaml', '--once', '--format', format], dir)).all);
  await canary.close();
  for (const format of ['text', 'json'])
    outputs.push((await cli(['status', 'canary.yaml', '--once', '--format', format], dir)).all);
  const lint = await cli(['lint', 'canary.yaml', '--format', 'json'], dir);
  outputs.push(lint.all);
  assert.ok(
    outputs.some((o) => /connection refused|did not answer|closed/.test(o)),
    'the dead source was reported',
  );
  scan('status and lint outputs', outputs.join('\n---\n'), [SCRAPE_PASSWORD]);

  // What the panel is sent: the reading view of a watcher on the same URLs.
  const metrics = [metric('error-rate', '<= 1%')];
  const source = new ScrapeSource({ canary: withCreds(baseline.url), baseline: withCreds(baseline.url), metrics });
  const w = new CanaryWatcher(plan({ metrics, minRequests: 0 }), source, { intervalMs: 1000 });
  const readings = [await w.poll(), await w.poll()];
  await baseline.close();
  readings.push(await w.poll());
  scan('panel readings', JSON.stringify(readings.map((r) => toReadingView(r))) + JSON.stringify(readings), [
    SCRAPE_PASSWORD,
  ]);
  assert.deepEqual(readdirSync(dir).sort(), ['canary.yaml'], 'status writes no files');
});
