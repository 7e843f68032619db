/**
 * Path A of real-vscode.md for live canary status: the packaged .vsix in code-server, the whole
 * workbench in headless Chromium. The demo services of `npm start` run in this process on free
 * ports of 127.0.0.1; the test clicks "Watch this canary", reads the status bar and the Canary
 * view (inside its webview frames), raises the canary's error rate, and sees the breach in the
 * status bar, the notification and the panel. Screenshots go to test-results/.
 * Needs `npm run package` first (npm test and npm run test:ui do it).
 */
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { startDemoServices, type DemoServices } from '../../src/demo/demoServices';

type Harness = typeof import('../../scripts/test-vscode-harness.mjs', { with: { 'resolution-mode': 'import' } });
let h: Harness;

const RESULTS = join(__dirname, '../..', 'test-results');
const STEP_MS = 45_000;

let root: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let demo: DemoServices | undefined;
let page: Page;
const serverLog: string[] = [];

/** RELEASE_SAFETY_README_SHOTS=1 also copies the shots the README shows into docs/images/. */
const README_IMAGES =
  process.env.RELEASE_SAFETY_README_SHOTS === '1' ? join(__dirname, '../..', 'docs', 'images') : undefined;

async function shot(name: string, readmeName?: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
  if (README_IMAGES && readmeName) {
    mkdirSync(README_IMAGES, { recursive: true });
    copyFileSync(join(RESULTS, `${name}.png`), join(README_IMAGES, `${readmeName}.png`));
  }
}

/** The Canary view's document: the webview element's iframe, then VS Code's inner active frame. */
function panel(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

before(async () => {
  h = await import('../../scripts/test-vscode-harness.mjs');
  h.requireSystemDeps();
  assert.ok(existsSync(h.vsixPath), `${h.vsixPath} is missing: run \`npm run package\` first.`);
  demo = await startDemoServices({ stablePort: 0, canaryPort: 0 });
  root = h.tempDir('ui-canary');
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, 'deploy'), { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'releaseSafety.pollInterval': 1 }));
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
      '    - name: throughput',
      '      threshold: ">= 1 req/s"',
      '  on_failure: rollback',
      '  min_requests: 10',
      '  alerts:',
      '    - channel: slack:#checkout-deploys',
      '  source:',
      '    scrape:',
      `      canary: ${demo.canary.metricsUrl}`,
      `      baseline: ${demo.stable.metricsUrl}`,
      '',
    ].join('\n'),
  );
  h.installVsix(root);
  const port = await h.freePort();
  server = await h.startCodeServer({ dataRoot: root, port, log: (d: string) => serverLog.push(d) });
  browser = await h.launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await h?.stopGroup(server);
  await demo?.close();
  if (root) h.removeDir(root);
});

test('watching the demo canary from its CodeLens: healthy in the status bar and the panel, then a breach', async () => {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  await input.fill('checkout-canary.yaml');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'checkout-canary.yaml' })
    .first()
    .waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');

  const lens = page.locator('.codelens-decoration a', { hasText: 'Watch this canary' });
  await lens.waitFor({ timeout: STEP_MS });
  await lens.click();
  await page.locator('.codelens-decoration a', { hasText: 'Watching: ' }).waitFor({ timeout: STEP_MS });

  const status = page.locator('.statusbar-item', { hasText: 'checkout 25% · healthy' });
  try {
    await status.waitFor({ timeout: STEP_MS });
    await panel().locator('.banner[data-verdict="healthy"]').waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-canary-healthy');
  }
  assert.equal(await panel().locator('.watch-service').textContent(), 'checkout');
  assert.equal(await panel().locator('.watch-config').textContent(), 'deploy/checkout-canary.yaml');
  assert.equal(await panel().locator('.banner-verdict').textContent(), 'Healthy');
  assert.equal(await panel().locator('.stair-current .stair-label').textContent(), '25%');
  assert.deepEqual(await panel().locator('.gate-name').allTextContents(), ['error-rate', 'throughput']);
  assert.deepEqual(await panel().locator('.badge').allTextContents(), ['pass', 'pass']);
  assert.equal(await panel().locator('figure.chart').count(), 2);

  const res = await fetch(`${demo!.canary.url}/control/error-rate?value=12`, { method: 'POST' });
  assert.equal(res.status, 200);
  await page.locator('.statusbar-item', { hasText: 'checkout 25% · breach' }).waitFor({ timeout: STEP_MS });
  const toast = page.locator('.notification-toast', { hasText: 'is in breach' });
  try {
    await toast.waitFor({ timeout: STEP_MS });
    await panel().locator('.banner[data-verdict="breach"]').waitFor({ timeout: STEP_MS });
    await page.locator('.codelens-decoration a', { hasText: 'Watching: breach' }).waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-canary-breach', 'canary-breach');
  }
  assert.match(await toast.innerText(), /Canary checkout at 25% is in breach: /);
  assert.ok(
    (await toast.locator('a.monaco-button, .monaco-button', { hasText: 'Open panel' }).count()) > 0,
    'the notification offers "Open panel"',
  );
  assert.equal(await panel().locator('.banner-verdict').textContent(), 'Breach');
  assert.deepEqual(await panel().locator('.badge').allTextContents(), ['fail', 'pass']);
  const errorRate = Number((await panel().locator('.gate-canary').first().textContent())?.replace('%', ''));
  assert.ok(errorRate > 2, `the canary's error rate shown: ${errorRate}%`);
});
