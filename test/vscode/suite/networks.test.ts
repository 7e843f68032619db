/// <reference types="mocha" />
/**
 * A source behind a private CA and a bearer token, watched in the real VS Code: the `ca:` file
 * (relative to the config) reaches the extension host's fetch, which VS Code patches for its own
 * proxy support, and the token comes from SecretStorage. Without `ca:` the reading names both
 * ways to trust the CA. The CA and the HTTPS server are made here (openssl), on 127.0.0.1.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, sleep, workspaceUri } from '../helpers';

const TOKEN = 'net-t0ken-in-secret-storage';

async function until<T>(what: string, probe: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

function privateCa(): { caPem: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-vscode-ca-'));
  const p = (f: string) => join(dir, f);
  const ssl = (args: string[]) => execFileSync('/usr/bin/openssl', args, { stdio: 'ignore', timeout: 30_000 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    ssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      p('ca.key'),
      '-out',
      p('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=Release Safety Editor Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    ssl(['req', ...ec, '-keyout', p('s.key'), '-out', p('s.csr'), '-subj', '/CN=localhost']);
    writeFileSync(
      p('s.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    ssl([
      'x509',
      '-req',
      '-in',
      p('s.csr'),
      '-CA',
      p('ca.pem'),
      '-CAkey',
      p('ca.key'),
      '-CAcreateserial',
      '-out',
      p('s.pem'),
      '-days',
      '2',
      '-extfile',
      p('s.ext'),
    ]);
    return {
      caPem: readFileSync(p('ca.pem'), 'utf8'),
      cert: readFileSync(p('s.pem'), 'utf8'),
      key: readFileSync(p('s.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('networks in the editor', () => {
  let server: https.Server;
  let base = '';
  const authorized: string[] = [];
  let ca = '';

  before(async () => {
    const made = privateCa();
    ca = made.caPem;
    let total = 0;
    server = https.createServer({ cert: made.cert, key: made.key }, (req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      authorized.push(String(req.url));
      total += 50;
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`# TYPE http_requests_total counter\nhttp_requests_total{code="200"} ${total}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    const { canary } = await api();
    canary.controller.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('a scrape source with ca: and a bearer token from SecretStorage is read; without ca: the message names --cacert and ca:', async function () {
    this.timeout(90_000);
    const { canary, journeys } = await api();
    await journeys.secrets.store('NET_SCRAPE_TOKEN', TOKEN);
    await vscode.workspace.fs.writeFile(workspaceUri('net/certs/company-ca.pem'), new TextEncoder().encode(ca));
    const file = (caLine: string) => `canary:
  service: private
  steps: [5, 25, 100]
  interval: 1m
  on_failure: rollback
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  source:
    scrape:
      canary: ${base}/metrics
      baseline: ${base}/metrics
${caLine}      auth: { bearer: "\${secret:NET_SCRAPE_TOKEN}" }
`;
    const uri = workspaceUri('net/private-canary.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file('      ca: certs/company-ca.pem\n')));
    assert.equal(await canary.controller.watch(uri), undefined);
    const read = await until('a reading', () => canary.controller.watched?.last);
    assert.equal(read.raw.source.error, null, `the source answered: ${read.raw.reason}`);
    assert.ok(authorized.length >= 1, 'the server saw the token from SecretStorage');
    canary.controller.stop();

    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file('')));
    assert.equal(await canary.controller.watch(uri), undefined);
    const refused = await until('a reading', () => canary.controller.watched?.last);
    assert.match(`${refused.raw.source.error} ${refused.raw.reason}`, /not trusted.*--cacert FILE.*ca: FILE/);
    assert.notEqual(refused.raw.verdict, 'healthy');
    canary.controller.stop();
  });
});
