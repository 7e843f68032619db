/**
 * Secrets never leave the runner: every reporter (to stdout and to --output), stderr, the
 * screenshot files and their names are scanned for the secret values after journeys that make a
 * server echo them back (in a JSON body, an error page, a query string, a captured token, a page).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { findBrowser } from '../../../src/core/journey/browserLaunch';
import { json, startHttp, type TestServer } from './servers';

const API_TOKEN = 'tok_5uper/Secret+value&x=1';
const DB_PASSWORD = 'pg-pass-778899';
const SESSION = 'sess-0a1b2c3d4e5f';
const SECRETS = [API_TOKEN, DB_PASSWORD, SESSION];
const browser = findBrowser();

let server: TestServer;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rs-leak-'));
  server = await startHttp({
    'GET /echo': (req, res) => json(res, 200, { auth: req.headers.authorization, db: req.headers['x-db-password'] }),
    'GET /fail': (req, res) =>
      void res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`crash while handling ${decodeURIComponent(req.url!)} for ${req.headers.authorization}`),
    'GET /login': (_q, res) => json(res, 200, { session_token: SESSION }),
    'GET /me': (req, res) => json(res, 200, { cookie: req.headers.cookie }),
    'GET /page': (_q, res) =>
      void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<form onsubmit="event.preventDefault(); document.getElementById('out').textContent = 'Hello ' + document.getElementById('pw').value"><input id="pw"><button id="go">go</button></form><p id="out"></p>`,
        ),
  });
  const browserJourney = browser.ok
    ? `    - name: page echoes the password
      steps:
        - goto: /page
        - fill: { selector: "#pw", value: "\${secret:API_TOKEN}" }
        - click: "#go"
        - expect_text: { selector: "#out", contains: "Goodbye", timeout: 1s }
`
    : '';
  writeFileSync(
    join(dir, 'leaky.yaml'),
    `synthetic:
  base_url: ${server.url}
  alerts: [{ channel: "slack:#checks" }]
  journeys:
    - name: echoed in JSON
      steps:
        - request: GET /echo
          headers: { Authorization: "Bearer \${secret:API_TOKEN}", X-DB-Password: "\${env:DB_PASSWORD}" }
          expect: { json: { "$.auth": "something else" } }
    - name: echoed in an error page
      steps:
        - request: GET /fail?key=\${secret:API_TOKEN}
          headers: { Authorization: "\${secret:API_TOKEN}" }
          expect: { status: 200 }
    - name: captured token echoed
      steps:
        - request: GET /login
          capture: { session_token: "$.session_token" }
          expect: { status: 200 }
        - request: GET /me
          headers: { Cookie: "sid=\${session_token}" }
          expect: { json: { "$.cookie": "nope" } }
${browserJourney}`,
  );
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

function assertNoSecret(where: string, text: string): void {
  for (const s of SECRETS) {
    assert.ok(!text.includes(s), `${where} contains the secret ${s}`);
    assert.ok(!text.includes(encodeURIComponent(s)), `${where} contains the secret ${s} URL-encoded`);
  }
}

describe('no secret in any output', () => {
  for (const reporter of ['text', 'json', 'junit']) {
    for (const toFile of [false, true]) {
      it(`${reporter} reporter${toFile ? ' with --output' : ''}`, async () => {
        let out = '';
        let err = '';
        const io: CommandIO = {
          out: (s) => void (out += s),
          err: (s) => void (err += s),
          cwd: dir,
          env: { API_TOKEN, DB_PASSWORD },
          isTTY: false,
          stdoutIsTTY: false,
        };
        const outDir = `out-${reporter}-${toFile}`;
        const args = ['run', 'leaky.yaml', '--reporter', reporter, ...(toFile ? ['--output', `${outDir}/report`] : [])];
        const code = await main(args, io);
        assert.equal(code, 1, err);
        // The journeys really did make the server echo the secrets, so the scan below means something.
        const report = toFile ? readFileSync(join(dir, outDir, 'report'), 'utf8') : out;
        assert.match(report, /\*\*\*/, 'redaction marks are in the report');
        assertNoSecret('stdout', out);
        assertNoSecret('stderr', err);
        if (toFile) {
          for (const f of filesUnder(join(dir, outDir))) {
            assertNoSecret(`file name ${f}`, f);
            if (!f.endsWith('.png')) assertNoSecret(`file ${f}`, readFileSync(f, 'utf8'));
          }
          if (browser.ok)
            assert.ok(
              filesUnder(join(dir, outDir)).some((f) => f.endsWith('.png')),
              'the failing browser step left a screenshot',
            );
        }
      });
    }
  }
});
