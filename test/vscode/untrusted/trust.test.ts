/// <reference types="mocha" />
/**
 * Workspace Trust in the real VS Code (scripts/test-vscode.mjs --untrusted: trust on, the folder
 * opened untrusted). Nothing that reaches the network runs: no journey, no scrape, no Prometheus
 * query, each saying why; then trust is granted through the workbench (the harness clicks it, as a
 * user would) and each works without a reload. One local server counts every request it gets.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, sleep, workspaceUri } from '../helpers';
import type { RecordedState } from '../../../src/extension/journeys/journeyTests';

/** Must match scripts/test-vscode.mjs. */
const GRANT_TRUST_SIGNAL = '[release-safety-test] grant workspace trust';

let server: http.Server;
let base = '';
const requests: string[] = [];

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Whether a chunk of the extension's dist/ (scripts/editorBundle.mjs) has been required in this host. */
const chunkLoaded = (file: string) =>
  Object.keys(require.cache).some((path) => /[\\/]dist[\\/]/.test(path) && path.endsWith(file));

const write = (rel: string, text: string) =>
  vscode.workspace.fs.writeFile(workspaceUri(rel), new TextEncoder().encode(text));

const canaryFile = (source: string) => `canary:
  service: checkout
  steps: [5, 25, 100]
  interval: 1m
  on_failure: rollback
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  source:
${source}`;

describe('an untrusted workspace', () => {
  before(async () => {
    let total = 0;
    server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const path = (req.url ?? '').split('?')[0];
      if (path === '/metrics') {
        total += 50;
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(`# TYPE http_requests_total counter\nhttp_requests_total{code="200"} ${total}\n`);
      } else if (path.startsWith('/api/v1/query')) {
        const now = Date.now() / 1000;
        const range = path.endsWith('_range');
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            status: 'success',
            data: range
              ? { resultType: 'matrix', result: [] }
              : { resultType: 'vector', result: [{ metric: {}, value: [now, '1'] }] },
          }),
        );
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await write(
      'untrusted-journeys.yaml',
      `synthetic:
  base_url: ${base}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: health is ok
      steps:
        - request: GET /api/health
          expect: { status: 200 }
`,
    );
    await write(
      'scrape-canary.yaml',
      canaryFile(`    scrape:\n      canary: ${base}/metrics\n      baseline: ${base}/metrics\n`),
    );
    await write(
      'prometheus-canary.yaml',
      canaryFile(
        `    prometheus:\n      url: ${base}\n      canary: '{track="canary"}'\n      baseline: '{track="stable"}'\n`,
      ),
    );
  });
  after(async () => {
    const { canary } = await api();
    canary.controller.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('is opened untrusted (Restricted Mode), and the extension is active in it', async () => {
    assert.equal(
      vscode.workspace.isTrusted,
      false,
      'the harness opens the folder with Workspace Trust on and does not trust it',
    );
    const { canary } = await api();
    assert.equal(canary.controller.snapshot().trusted, false, 'the Canary view is told the workspace is not trusted');
    assert.ok(chunkLoaded('extension.js'), 'the extension bundle is seen in the host');
    assert.ok(!chunkLoaded('journeyRun.js'), 'the journey runner is not loaded before a journey is run');
  });

  it('runs no journey, and the Test Explorer says why', async () => {
    const { journeys } = await api();
    const uri = workspaceUri('untrusted-journeys.yaml');
    const file = await journeys.discover(uri);
    assert.ok(file, 'journeys are still listed (reading a file is safe)');
    const recorded: RecordedState[] = [];
    const sub = journeys.onDidRecord((r) => recorded.push(r));
    try {
      const result = await journeys.runJourney(uri, 0, 0);
      assert.equal(result, undefined, 'nothing ran');
    } finally {
      sub.dispose();
    }
    const errored = recorded.filter((r) => r.state === 'errored');
    assert.equal(errored.length, 1, JSON.stringify(recorded));
    assert.match(errored[0].message ?? '', /do not run in an untrusted workspace.*Trust the workspace/);
    assert.deepEqual(requests, [], 'the server got no request');
  });

  it('polls no scrape source and queries no Prometheus, and says why', async () => {
    const { canary } = await api();
    for (const rel of ['scrape-canary.yaml', 'prometheus-canary.yaml']) {
      const problem = await canary.controller.watch(workspaceUri(rel));
      assert.match(problem ?? '', /does not poll canary sources in an untrusted workspace.*Trust the workspace/, rel);
      assert.equal(canary.controller.watched, undefined, `${rel} is not watched`);
    }
    assert.deepEqual(requests, [], 'the server got no request');
    assert.ok(!chunkLoaded('canaryWatcher.js'), 'the code that polls sources was not even loaded');
  });

  it('trusting the workspace turns journeys, scrape and Prometheus on without a reload', async function () {
    this.timeout(120_000);
    const { canary, journeys } = await api();
    const granted = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        sub.dispose();
        resolve();
      });
    });
    console.log(GRANT_TRUST_SIGNAL);
    await Promise.race([
      granted,
      sleep(60_000).then(() =>
        Promise.reject(new Error('Workspace Trust was not granted within 60 s (see the harness log)')),
      ),
    ]);
    assert.equal(vscode.workspace.isTrusted, true);
    await until('the Canary view to be told of the trust', () => canary.controller.snapshot().trusted);

    assert.equal(await canary.controller.watch(workspaceUri('prometheus-canary.yaml')), undefined);
    await until('a Prometheus query', () => requests.some((r) => r.startsWith('GET /api/v1/query')));
    canary.controller.stop();

    assert.equal(await canary.controller.watch(workspaceUri('scrape-canary.yaml')), undefined);
    await until('a scrape', () => requests.some((r) => r.startsWith('GET /metrics')));
    canary.controller.stop();

    await journeys.consent.allow([new URL(base).host]);
    const result = await journeys.runJourney(workspaceUri('untrusted-journeys.yaml'), 0, 0);
    assert.equal(result?.status, 'passed');
    assert.ok(requests.includes('GET /api/health'), requests.join(', '));
    assert.ok(
      chunkLoaded('journeyRun.js') && chunkLoaded('canaryWatcher.js'),
      'the runner and the watcher load on first use',
    );
  });
});
