/**
 * The CLI's side of the secret scan: every report (text, json, junit; stdout and --output files),
 * every screenshot name and every status line, for journeys whose server echoes the secret back
 * URL-, JSON-, XML-, HTML-escaped and in base64, and for sources whose credentials are refused.
 * Every spelling of every secret is looked for in every byte written.
 */
import { secretScanJourneys } from '../../fixtures/secretScanJourneys';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { startHttp } from '../journey/servers';

const TOKEN = `cT0k&<"n'>/+=é%`;
const SOURCE_TOKEN = `cSrc&<"t'>/+=%7`;
const USER = 'scan-bot';
const PASSWORD = `cP@ss&<"'>/+=`;
const SECRETS = [TOKEN, SOURCE_TOKEN, PASSWORD, `${USER}:${PASSWORD}`];

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
        `${where} shows a secret (${spelling.slice(0, 3)}...):\n${text.slice(0, 3000)}`,
      );
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

async function cli(args: string[], cwd: string, env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CommandIO = { out: (s) => void (out += s), err: (s) => void (err += s), cwd, env, isTTY: false };
  const code = await main(args, io);
  return { code, all: out + err };
}

test(
  'CLI reports, output files, screenshot names and status lines hold no spelling of a secret',
  { timeout: 180_000 },
  async (t) => {
    const html = (a: string) =>
      a
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&#34;')
        .replace(/'/g, '&#39;');
    const auth = (q: { headers: Record<string, string | string[] | undefined> }) =>
      String(q.headers.authorization ?? '');
    const server = await startHttp({
      '/echo-json': (q, r) =>
        void r.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth: auth(q) })),
      '/echo-xml': (q, r) =>
        void r
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<r>${auth(q).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}</r>`,
          ),
      '/echo-html': (q, r) =>
        void r
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><title>${html(auth(q))}</title><p>${html(auth(q))}</p>`),
      '/echo-b64': (q, r) => void r.writeHead(200).end(Buffer.from(auth(q).replace(/^Bearer /, '')).toString('base64')),
      '/redirect': (q, r) =>
        void r.writeHead(302, { location: `/gone?token=${encodeURIComponent(auth(q).replace(/^Bearer /, ''))}` }).end(),
      '/metrics': (q, r) => void r.writeHead(auth(q) ? 403 : 401).end(`denied ${auth(q)}`),
      '/api/v1/query': (q, r) => void r.writeHead(401).end(`Unauthorized ${auth(q)}`),
    });
    t.after(() => server.close());
    const dir = mkdtempSync(join(tmpdir(), 'rs-cliscan-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'journeys.yaml'), secretScanJourneys(server.url, 'SCAN_TOKEN'));
    const env = {
      SCAN_TOKEN: TOKEN,
      SCAN_SOURCE_TOKEN: SOURCE_TOKEN,
      SCAN_PROM_PASSWORD: PASSWORD,
      RELEASE_SAFETY_BROWSER_PATH: '/usr/bin/chromium',
    };
    let hidden = 0;
    for (const reporter of ['text', 'json', 'junit']) {
      const printed = await cli(['run', 'journeys.yaml', '--reporter', reporter], dir, env);
      assert.equal(printed.code, 1, printed.all);
      scan(`run --reporter ${reporter}`, printed.all);
      hidden += printed.all.split('***').length - 1;
      const written = await cli(
        ['run', 'journeys.yaml', '--reporter', reporter, '--output', `out-${reporter}/report.${reporter}`],
        dir,
        env,
      );
      assert.equal(written.code, 1, written.all);
      scan(`run --output (${reporter}) summary`, written.all);
    }
    assert.ok(hidden > 0, 'the echoed secret was in the reports to hide, and was hidden');
    const files = walk(dir).filter((f) => !f.endsWith('journeys.yaml'));
    assert.ok(
      files.some((f) => f.endsWith('.png')),
      `a screenshot was written: ${files.join(', ')}`,
    );
    for (const f of files) {
      scan(`the file name ${f}`, f.slice(dir.length));
      if (!f.endsWith('.png')) scan(`the file ${f}`, readFileSync(f, 'utf8'));
    }

    const canary = (source: string) => `canary:
  service: scan
  steps: [5, 25, 100]
  interval: 1m
  on_failure: rollback
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  source:
${source}`;
    writeFileSync(
      join(dir, 'scrape.yaml'),
      canary(
        `    scrape:\n      canary: ${server.url}/metrics\n      baseline: ${server.url}/metrics\n      auth: { bearer: "\${secret:SCAN_SOURCE_TOKEN}" }\n`,
      ),
    );
    writeFileSync(
      join(dir, 'prometheus.yaml'),
      canary(
        `    prometheus:\n      url: ${server.url}\n      canary: '{track="canary"}'\n      baseline: '{track="stable"}'\n      auth:\n        basic: { user: ${USER}, password: "\${secret:SCAN_PROM_PASSWORD}" }\n`,
      ),
    );
    for (const file of ['scrape.yaml', 'prometheus.yaml']) {
      for (const format of ['text', 'json']) {
        const r = await cli(['status', file, '--once', '--window', '1s', '--format', format], dir, env);
        assert.equal(r.code, 3, r.all);
        if (format === 'text') assert.match(r.all, /refused/);
        else assert.equal(JSON.parse(r.all).verdict, 'stale', 'never healthy');
        scan(`status ${file} --format ${format}`, r.all);
      }
    }
  },
);
