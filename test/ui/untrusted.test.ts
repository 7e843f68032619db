/**
 * Path A for Workspace Trust: code-server with trust on opens a folder untrusted. The Canary view
 * says why nothing is polled and its Watch button is off; running a journey from its CodeLens
 * shows why in the Test Explorer's message at the journey; the local server gets no request. Trust is granted in
 * the workbench (Manage Workspace Trust), and the view turns on without a reload: Watch works and
 * the server is scraped. Screenshots go to test-results/ (ui-untrusted-*.png).
 * Needs `npm run package` first (npm test and npm run test:ui do it).
 */
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';

type Harness = typeof import('../../scripts/test-vscode-harness.mjs', { with: { 'resolution-mode': 'import' } });
let h: Harness;

const RESULTS = join(__dirname, '../..', 'test-results');
const STEP_MS = 45_000;

let root: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let target: http.Server;
const requests: string[] = [];
const serverLog: string[] = [];

async function shot(name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

function panel(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

async function openFile(name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

/** The Release Safety container in the activity bar (its Canary view). */
async function showCanaryView(): Promise<void> {
  const title = page.locator('.part.sidebar .title-label', { hasText: /Release Safety/i });
  if (await title.isVisible().catch(() => false)) return; // a click on the icon would close it
  const icon = page.locator('.activitybar .action-item a[aria-label^="Release Safety"]').first();
  await icon.waitFor({ timeout: STEP_MS });
  await icon.click();
  await title.waitFor({ timeout: STEP_MS });
}

before(async () => {
  h = await import('../../scripts/test-vscode-harness.mjs');
  h.requireSystemDeps();
  assert.ok(existsSync(h.vsixPath), `${h.vsixPath} is missing: run \`npm run package\` first.`);
  let total = 0;
  target = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    total += 50;
    if ((req.url ?? '').startsWith('/metrics'))
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`# TYPE http_requests_total counter\nhttp_requests_total{code="200"} ${total}\n`);
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  root = h.tempDir('ui-untrusted');
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, 'deploy'), { recursive: true });
  writeFileSync(
    join(workspace, 'deploy', 'checkout-canary.yaml'),
    [
      'canary:',
      '  service: checkout',
      '  steps: [1, 5, 25, 50, 100]',
      '  interval: 5m',
      '  metrics:',
      '    - name: error-rate',
      '      threshold: "<= 2%"',
      '  on_failure: rollback',
      '  alerts:',
      '    - channel: slack:#checkout-deploys',
      '  source:',
      '    scrape:',
      `      canary: ${base}/metrics`,
      `      baseline: ${base}/metrics`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(workspace, 'deploy', 'smoke-journeys.yaml'),
    [
      'synthetic:',
      `  base_url: ${base}`,
      '  alerts:',
      '    - channel: slack:#checks',
      '  journeys:',
      '    - name: health is ok',
      '      steps:',
      '        - request: GET /api/health',
      '          expect: { status: 200 }',
      '',
    ].join('\n'),
  );
  h.installVsix(root);
  const port = await h.freePort();
  server = await h.startCodeServer({
    dataRoot: root,
    port,
    workspaceTrust: true,
    log: (d: string) => serverLog.push(d),
  });
  browser = await h.launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await h?.stopGroup(server);
  target?.closeAllConnections();
  await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
  if (root) h.removeDir(root);
});

test('untrusted: the Canary view and the Test Explorer say why nothing runs; trusting turns it on without a reload', async () => {
  await showCanaryView();
  const banner = panel().locator('.banner[data-verdict="untrusted"]');
  try {
    await banner.waitFor({ timeout: STEP_MS });
    await panel().locator('.config-label', { hasText: 'deploy/checkout-canary.yaml' }).waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-untrusted-canary-view');
  }
  assert.equal(await panel().locator('.banner-verdict').textContent(), 'Workspace not trusted');
  assert.match(
    (await panel().locator('.banner-reason').textContent()) ?? '',
    /polls no canary source and queries no Prometheus here.*Trust the workspace/,
  );
  assert.equal(
    await panel().locator('.config vscode-button', { hasText: 'Watch' }).getAttribute('disabled'),
    '',
    'Watch is off',
  );

  await openFile('smoke-journeys.yaml');
  const run = page.locator('.codelens-decoration a', { hasText: 'Run journey' });
  await run.waitFor({ timeout: STEP_MS });
  await run.click();
  // The Test Explorer's message for the errored journey, shown at the journey's line.
  const why = page.getByText(/Journeys do not run in an untrusted workspace/);
  try {
    await why.first().waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-untrusted-test-explorer');
  }
  assert.equal(requests.length, 0, `nothing was sent while untrusted: ${requests.join(', ')}`);

  const how = await h.grantWorkspaceTrust(page);
  await showCanaryView();
  await banner.waitFor({ state: 'detached', timeout: STEP_MS });
  const watch = panel().locator('.config vscode-button', { hasText: 'Watch' });
  assert.equal(await watch.getAttribute('disabled'), null, `Watch is on after trust (granted through ${how})`);
  await watch.click();
  try {
    await panel().locator('.watch-service', { hasText: 'checkout' }).waitFor({ timeout: STEP_MS });
    const end = Date.now() + STEP_MS;
    while (!requests.some((r) => r.startsWith('GET /metrics')) && Date.now() < end) await page.waitForTimeout(100);
  } finally {
    await shot('ui-untrusted-then-trusted');
  }
  assert.ok(
    requests.some((r) => r.startsWith('GET /metrics')),
    `scraped after trust: ${requests.join(', ')}`,
  );
});
