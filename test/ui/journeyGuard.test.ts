/**
 * Path A of real-vscode.md for the write guard: the packaged .vsix in code-server, the whole
 * workbench in headless Chromium, against a local shop (this process, a free port of 127.0.0.1)
 * that counts its orders. The user clicks "Run journey" above a journey whose click on Buy does
 * not declare side effects: the consent modal names the host as this machine ("Run once" /
 * "Always for this workspace"), the run fails, the Test Explorer's message names the blocked
 * POST /api/orders, and the shop got no order. Screenshots go to test-results/.
 * Needs `npm run package` first (npm test and npm run test:ui do it).
 */
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { startShop, type Shop } from '../integration/journey/shopServer';

type Harness = typeof import('../../scripts/test-vscode-harness.mjs', { with: { 'resolution-mode': 'import' } });
let h: Harness;

const RESULTS = join(__dirname, '../..', 'test-results');
const STEP_MS = 45_000;

let root: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let shop: Shop | undefined;
let page: Page;
const serverLog: string[] = [];

async function shot(name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

before(async () => {
  h = await import('../../scripts/test-vscode-harness.mjs');
  h.requireSystemDeps();
  assert.ok(existsSync(h.vsixPath), `${h.vsixPath} is missing: run \`npm run package\` first.`);
  shop = await startShop();
  root = h.tempDir('ui-guard');
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    join(workspace, 'shop.yaml'),
    [
      '# The click on Buy makes the page POST /api/orders; nothing declares it.',
      'synthetic:',
      `  base_url: ${shop.url}`,
      '  frequency: 60s',
      '  locations: [us-east, eu-west]',
      '  alerts:',
      '    - channel: slack:#checks',
      '  journeys:',
      '    - name: a shopper can buy the test product',
      '      steps:',
      '        - goto: /shop',
      '        - click: "#buy"',
      '        - expect_text: { selector: "#status", contains: ordered }',
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
  await shop?.close();
  if (root) h.removeDir(root);
});

test('an undeclared Buy click from the CodeLens: consent names this machine, the Test Explorer shows the blocked POST, no order', async () => {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  await input.fill('shop.yaml');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'shop.yaml' })
    .first()
    .waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');

  const lens = page.locator('.codelens-decoration a', { hasText: 'Run journey' });
  await lens.waitFor({ timeout: STEP_MS });
  await lens.click();
  const dialog = page.locator('.monaco-dialog-box');
  try {
    await dialog.waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-journey-consent');
  }
  const dialogText = await dialog.innerText();
  assert.match(
    dialogText,
    new RegExp(`against ${new URL(shop!.url).host.replace(/\./g, '\\.')} \\(this machine\\)\\?`),
  );
  assert.match(dialogText, /a service on this machine \(local\)/);
  assert.doesNotMatch(dialogText, /production/);
  await dialog.locator('.monaco-button', { hasText: 'Run once' }).click();

  // The run fails (the gutter marks the click as failed); then the Test Explorer and the message.
  try {
    await page.locator('.codicon-testing-failed-icon').first().waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-journey-failed');
  }
  await runCommand('Testing: Focus on Test Explorer View');
  // Open the tree down to the steps: the file, then the journey.
  for (const label of ['shop.yaml', 'a shopper can buy the test product']) {
    const row = page.locator('.test-explorer .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: STEP_MS });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  }
  await page
    .locator('.test-explorer .monaco-list-row', { hasText: 'click #buy' })
    .locator('.codicon-testing-failed-icon')
    .waitFor({ timeout: STEP_MS });
  // The message at the click's line, as the editor shows it; a click on it opens the message peek.
  const inline = page
    .locator('.monaco-editor', { hasText: 'blocked write: the page sent POST /api/orders' })
    .getByText('blocked write: the page sent POST /api/orders')
    .first();
  await inline.waitFor({ timeout: STEP_MS });
  await inline.click();
  const peek = page.locator('.peekview-widget', { hasText: 'blocked write' }).first();
  try {
    await peek.waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-journey-blocked-write');
  }
  assert.match(await peek.innerText(), /blocked write: the page sent POST \/api\/orders/);
  assert.equal(shop!.orders, 0, 'no order reached the shop');
});
