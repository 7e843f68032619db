/// <reference types="mocha" />
/**
 * Secrets, looked for everywhere the editor could show them: the Test Explorer's messages and
 * diffs, the output channels (as VS Code writes them to disk), the Canary view's state, the status
 * bar, screenshot file names, and the whole page with the notification list open (scanned by the
 * harness). The values hold every character that escapes differently, and a local server sends
 * them back URL-, JSON-, XML-, HTML-escaped and in base64, so each spelling is put to the test.
 */
import { secretScanJourneys } from '../../fixtures/secretScanJourneys';
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { api, sleep, workspaceUri } from '../helpers';
import type { RecordedState } from '../../../src/extension/journeys/journeyTests';

/** Must match scripts/test-vscode.mjs. */
const SCAN_PAGE_SIGNAL = '[release-safety-test] scan the page for secrets';

const JOURNEY_TOKEN = `jT0k&<"n'>/+=é%`;
const SOURCE_TOKEN = `sRc&<"t'>/+=%9`;
const PROM_USER = 'scan-bot';
const PROM_PASSWORD = `bP@ss&<"'>/+=`;
const SECRETS = [JOURNEY_TOKEN, SOURCE_TOKEN, PROM_PASSWORD, `${PROM_USER}:${PROM_PASSWORD}`];

function spellings(secret: string): string[] {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    xml.replace(/"/g, '&quot;').replace(/'/g, '&apos;'),
    xml.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    xml.replace(/"/g, '&#34;').replace(/'/g, '&#x27;'),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
}

function scan(where: string, text: string): void {
  for (const s of SECRETS)
    for (const spelling of spellings(s))
      assert.ok(
        !text.includes(spelling),
        `${where} shows a secret (${spelling.slice(0, 3)}...):\n${text.slice(0, 2000)}`,
      );
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else if (st.size < 5_000_000) out.push(p);
  }
  return out;
}

let server: http.Server;
let base = '';

describe('secrets never show in the editor', () => {
  before(async () => {
    server = http.createServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const path = (req.url ?? '').split('?')[0];
      const html = auth
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&#34;')
        .replace(/'/g, '&#39;');
      if (path === '/echo-json')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth }));
      if (path === '/echo-xml')
        return void res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<r><auth>${auth.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}</auth></r>`,
          );
      if (path === '/echo-html')
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><title>${html}</title><p id="auth">${html}</p>`);
      if (path === '/echo-b64')
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(Buffer.from(auth.replace(/^Bearer /, '')).toString('base64'));
      if (path === '/redirect')
        return void res
          .writeHead(302, { location: `/gone?token=${encodeURIComponent(auth.replace(/^Bearer /, ''))}` })
          .end();
      if (path === '/metrics')
        return void res.writeHead(auth ? 403 : 401, { 'content-type': 'text/plain' }).end(`denied ${auth}`);
      if (path.startsWith('/api/v1/'))
        return void res.writeHead(401, { 'content-type': 'text/plain' }).end(`Unauthorized ${auth}`);
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    const { canary } = await api();
    canary.controller.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('scans Test Explorer messages and diffs, output channels, the Canary view, the status bar, screenshot names and the page', async function () {
    this.timeout(240_000);
    const { journeys, canary } = await api();
    await journeys.consent.allow([new URL(base).host]);
    await journeys.secrets.store('SCAN_JOURNEY_TOKEN', JOURNEY_TOKEN);
    await journeys.secrets.store('SCAN_SOURCE_TOKEN', SOURCE_TOKEN);
    await journeys.secrets.store('SCAN_PROM_PASSWORD', PROM_PASSWORD);
    const journeyFile = workspaceUri('scan-journeys.yaml');
    await vscode.workspace.fs.writeFile(
      journeyFile,
      new TextEncoder().encode(secretScanJourneys(base, 'SCAN_JOURNEY_TOKEN')),
    );
    const recorded: RecordedState[] = [];
    const sub = journeys.onDidRecord((r) => recorded.push(r));
    const screenshots: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const result = await journeys.runJourney(journeyFile, i, 0);
        assert.equal(result?.status, 'failed', `journey ${i} fails, so its messages carry the echoed bodies`);
        for (const j of result!.journeys) for (const s of j.steps) if (s.screenshot) screenshots.push(s.screenshot);
        scan(`the run result of journey ${i}`, JSON.stringify(result));
      }
    } finally {
      sub.dispose();
    }
    const failures = recorded.filter((r) => r.state === 'failed' || r.state === 'errored');
    assert.ok(failures.length >= 6, JSON.stringify(recorded));
    assert.ok(
      recorded.some((r) => r.expected?.includes('nope') && r.actual !== undefined),
      `a diff was recorded (expected/actual): ${JSON.stringify(recorded)}`,
    );
    assert.ok(
      recorded.some((r) => /\*\*\*/.test(`${r.message}${r.actual}`)),
      'the echoed secret was there to hide, and was hidden',
    );
    scan('Test Explorer messages and diffs', JSON.stringify(recorded));
    assert.ok(screenshots.length >= 1, 'the failing browser step left a screenshot');
    for (const s of screenshots) scan('a screenshot file name', basename(s));

    const canaryFile = (source: string) => `canary:
  service: scan
  steps: [5, 25, 100]
  interval: 1m
  on_failure: rollback
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  source:
${source}`;
    await vscode.workspace.fs.writeFile(
      workspaceUri('scan-scrape.yaml'),
      new TextEncoder().encode(
        canaryFile(
          `    scrape:\n      canary: ${base}/metrics\n      baseline: ${base}/metrics\n      auth: { bearer: "\${secret:SCAN_SOURCE_TOKEN}" }\n`,
        ),
      ),
    );
    await vscode.workspace.fs.writeFile(
      workspaceUri('scan-prometheus.yaml'),
      new TextEncoder().encode(
        canaryFile(
          `    prometheus:\n      url: ${base}\n      canary: '{track="canary"}'\n      baseline: '{track="stable"}'\n      auth:\n        basic: { user: ${PROM_USER}, password: "\${secret:SCAN_PROM_PASSWORD}" }\n`,
        ),
      ),
    );
    for (const [rel, refusal] of [
      ['scan-scrape.yaml', /refused access with these credentials \(HTTP 403/],
      ['scan-prometheus.yaml', /Prometheus refused the credentials \(HTTP 401/],
    ] as const) {
      assert.equal(await canary.controller.watch(workspaceUri(rel)), undefined, rel);
      const last = await until(`a reading of ${rel}`, () => canary.controller.watched?.last);
      const shown = JSON.stringify({ last, snapshot: canary.controller.snapshot(), statusBar: canary.statusBar() });
      assert.match(shown, refusal, `${rel}: the refusal is named`);
      assert.doesNotMatch(
        JSON.stringify(canary.controller.snapshot()),
        /"verdict":"healthy"/,
        `${rel} is never shown healthy`,
      );
      scan(`the Canary view and status bar (${rel})`, shown);
      canary.controller.stop();
    }

    const root = process.env.RELEASE_SAFETY_TEST_DATA_ROOT;
    assert.ok(root, 'scripts/test-vscode.mjs passes the data root');
    const logs = [...filesUnder(join(root, 'user', 'logs')), ...filesUnder(join(root, 'data', 'logs'))];
    const channels = logs.filter((f) => /Release Safety/.test(basename(f)));
    assert.ok(channels.length >= 2, `the output channels are on disk: ${logs.map((f) => basename(f)).join(', ')}`);
    assert.ok(
      channels.some((f) => readFileSync(f, 'utf8').includes('json echo')),
      'the journeys channel holds the run',
    );
    for (const f of logs) scan(`the log ${basename(f)}`, readFileSync(f, 'utf8'));

    const dir = workspaceUri('.secret-scan').fsPath;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(SECRETS));
    console.log(SCAN_PAGE_SIGNAL);
    const page = await until(
      'the harness to scan the page',
      () => existsSync(join(dir, 'page.json')) && JSON.parse(readFileSync(join(dir, 'page.json'), 'utf8')),
      60_000,
    );
    assert.equal(page.error, undefined, `the page scan failed: ${page.error}`);
    assert.ok(page.frames >= 1 && page.chars > 0, JSON.stringify(page));
    assert.deepEqual(page.leaks, [], 'the page (notifications open, webviews included) shows no secret');
  });
});
