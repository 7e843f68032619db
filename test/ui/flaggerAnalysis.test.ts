/**
 * Path A for Argo / Flagger live status: the packaged .vsix in code-server, the whole workbench
 * in headless Chromium. A real Prometheus (Debian's) scrapes the demo services of `npm start`;
 * the Canary view watches a Flagger Canary through its MetricTemplates, its charts are filled
 * from Prometheus' history at once, and it turns from passing to failing when the demo canary's
 * error rate rises. Screenshots go to test-results/. Needs `npm run package` first.
 */
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { startDemoServices, type DemoServices } from '../../src/demo/demoServices';
import {
  hasPrometheus,
  startPrometheus,
  waitForData,
  type RunningPrometheus,
} from '../integration/canary/prometheusServer';

type Harness = typeof import('../../scripts/test-vscode-harness.mjs', { with: { 'resolution-mode': 'import' } });
let h: Harness;

const RESULTS = join(__dirname, '../..', 'test-results');
const STEP_MS = 60_000;
const skip = hasPrometheus ? false : '/usr/bin/prometheus is not installed (scripts/ensure-system-deps.sh installs it)';

let root: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let demo: DemoServices | undefined;
let prom: RunningPrometheus | undefined;
let page: Page;

async function shot(name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

function panel(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

const CANARY = (prometheus: string) => `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
  namespace: test
spec:
  provider: istio
  metricsServer: ${prometheus}
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 10
    metrics:
      - name: error-rate
        templateRef:
          name: error-rate
        interval: 10s
        thresholdRange:
          max: 2
      - name: throughput
        templateRef:
          name: throughput
        interval: 10s
        thresholdRange:
          min: 1
`;

const TEMPLATES = (prometheus: string) => `apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata:
  name: error-rate
  namespace: test
spec:
  provider:
    type: prometheus
    address: ${prometheus}
  query: |
    100 * sum(rate(http_requests_total{track="canary", code=~"5.."}[{{ interval }}]))
    / sum(rate(http_requests_total{track="canary"}[{{ interval }}]))
---
apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata:
  name: throughput
  namespace: test
spec:
  provider:
    type: prometheus
    address: ${prometheus}
  query: sum(rate(http_requests_total{track="canary"}[{{ interval }}]))
`;

before(async () => {
  if (skip) return;
  h = await import('../../scripts/test-vscode-harness.mjs');
  h.requireSystemDeps();
  assert.ok(existsSync(h.vsixPath), `${h.vsixPath} is missing: run \`npm run package\` first.`);
  demo = await startDemoServices({ stablePort: 0, canaryPort: 0 });
  prom = await startPrometheus([
    { address: `127.0.0.1:${demo.stable.port}`, labels: { track: 'stable' } },
    { address: `127.0.0.1:${demo.canary.port}`, labels: { track: 'canary' } },
  ]);
  root = h.tempDir('ui-flagger');
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, 'deploy'), { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'releaseSafety.pollInterval': 2 }));
  writeFileSync(join(workspace, 'deploy', 'podinfo-canary.yaml'), CANARY(prom.url));
  writeFileSync(join(workspace, 'deploy', 'metric-templates.yaml'), TEMPLATES(prom.url));
  h.installVsix(root);
  const port = await h.freePort();
  server = await h.startCodeServer({ dataRoot: root, port, log: () => undefined });
  browser = await h.launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // Half a minute of history for the charts to be filled with (scrapes every second).
  await waitForData(prom.url, 'count_over_time(http_requests_total{track="canary"}[60s]) >= 30', 90_000);
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await h?.stopGroup(server);
  await prom?.stop();
  await demo?.close();
  if (root) h.removeDir(root);
});

test(
  'the Canary view watches a Flagger Canary through Prometheus: full charts at once, then failing when the error rate rises',
  { skip, timeout: 300_000 },
  async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill('podinfo-canary.yaml');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'podinfo-canary.yaml' })
      .first()
      .waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');

    const lens = page.locator('.codelens-decoration a', { hasText: 'Watch this canary' });
    await lens.waitFor({ timeout: STEP_MS });
    await lens.click();
    try {
      await panel().locator('.banner[data-verdict="healthy"]').waitFor({ timeout: STEP_MS });
      // Backfilled: the charts hold Prometheus' past points, not just the first reading or two.
      await panel().locator('figure.chart[data-metric="error-rate"][data-points]').waitFor({ timeout: STEP_MS });
      const deadline = Date.now() + STEP_MS;
      while (
        Number(await panel().locator('figure.chart[data-metric="error-rate"]').getAttribute('data-points')) < 8 &&
        Date.now() < deadline
      )
        await page.waitForTimeout(250);
    } finally {
      await shot('ui-flagger-passing');
    }
    assert.equal(await panel().locator('.watch-service').textContent(), 'podinfo');
    assert.deepEqual(await panel().locator('.gate-name').allTextContents(), ['error-rate', 'throughput']);
    assert.deepEqual(await panel().locator('.badge').allTextContents(), ['pass', 'pass']);
    assert.deepEqual(await panel().locator('.gate-threshold').allTextContents(), [
      'condition: value <= 2',
      'condition: value >= 1',
    ]);
    const points = Number(await panel().locator('figure.chart[data-metric="error-rate"]').getAttribute('data-points'));
    assert.ok(points >= 8, `the error-rate chart holds ${points} points right after the watch started`);

    const res = await fetch(`${demo!.canary.url}/control/error-rate?value=15`, { method: 'POST' });
    assert.equal(res.status, 200);
    try {
      await panel().locator('.banner[data-verdict="breach"]').waitFor({ timeout: STEP_MS });
      // The editor says it too: the status bar and the CodeLens over the watched Canary.
      await page.locator('.statusbar-item', { hasText: 'podinfo · breach' }).waitFor({ timeout: STEP_MS });
      await page.locator('.codelens-decoration a', { hasText: 'Watching: breach' }).waitFor({ timeout: STEP_MS });
    } finally {
      await shot('ui-flagger-failing');
    }
    assert.deepEqual(await panel().locator('.badge').allTextContents(), ['fail', 'pass']);
    assert.match((await panel().locator('.gate-note').first().textContent()) ?? '', /is above the maximum 2/);
    const value = Number((await panel().locator('.gate-canary').first().textContent())?.replace('%', ''));
    assert.ok(value > 2, `the error rate shown: ${value}`);
  },
);
