/**
 * Path A of real-vscode.md: the packaged .vsix installed into code-server, the whole workbench
 * driven by headless Chromium, as a user sees it. Opens the example with the most fixable
 * findings, checks that the Problems panel lists the core's messages and that the quick-fix menu
 * offers the core's fixes, and saves screenshots under test-results/ for a human to look at.
 * Needs `npm run package` first (npm test and npm run test:ui do it).
 */
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
// The harness is an ES module shared with the .mjs scripts; this file is CommonJS for tsx.
type Harness = typeof import('../../scripts/test-vscode-harness.mjs', { with: { 'resolution-mode': 'import' } });
let h: Harness;
import { lintText } from '../../src/core/lint/engine';
import type { Finding } from '../../src/core/lint/finding';
import { ruleMeta } from '../../src/core/lint/rules/index';
import { buildSyntheticConfig } from '../../src/core/synthetic/buildSynthetic';
import { parseFile } from '../../src/core/parse/parseFile';

const REPO = join(__dirname, '../..');
const RESULTS = join(REPO, 'test-results');
const STEP_MS = 30_000;

let root: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace: string;
const serverLog: string[] = [];

interface Target {
  rel: string;
  text: string;
  findings: Finding[];
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name) && !name.startsWith('.')) out.push(p);
  }
  return out;
}

/** The example a newcomer should see: most findings with a fix or suggestion, then most findings. */
function pickTarget(ws: string): Target {
  const score = (fs: Finding[]) => fs.filter((f) => f.fix || f.suggestions?.length).length * 1000 + fs.length;
  const candidates = yamlFiles(ws).map((p) => {
    const text = readFileSync(p, 'utf8');
    return { rel: relative(ws, p), text, findings: lintText(text).findings };
  });
  candidates.sort((a, b) => score(b.findings) - score(a.findings) || a.rel.localeCompare(b.rel));
  assert.ok(
    candidates[0]?.findings.length,
    'no example or fixture has findings: nothing to show in the Problems panel',
  );
  return candidates[0];
}

/** RELEASE_SAFETY_README_SHOTS=1 also copies the shots the README shows into docs/images/. */
const README_IMAGES = process.env.RELEASE_SAFETY_README_SHOTS === '1' ? join(REPO, 'docs', 'images') : undefined;

async function shot(name: string, readmeName?: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
  if (README_IMAGES && readmeName) {
    mkdirSync(README_IMAGES, { recursive: true });
    copyFileSync(join(RESULTS, `${name}.png`), join(README_IMAGES, `${readmeName}.png`));
  }
}

/** Runs a command by its title from the command palette. */
async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
}

before(async () => {
  h = await import('../../scripts/test-vscode-harness.mjs');
  const { repoRoot } = h;
  const t0 = Date.now();
  h.requireSystemDeps();
  assert.ok(existsSync(h.vsixPath), `${h.vsixPath} is missing: run \`npm run package\` first.`);
  root = h.tempDir('ui');
  workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  if (existsSync(join(repoRoot, 'examples')))
    cpSync(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
  cpSync(join(repoRoot, 'test/vscode/fixtures'), join(workspace, 'fixtures'), { recursive: true });
  h.installVsix(root);
  const port = await h.freePort();
  server = await h.startCodeServer({ dataRoot: root, port, log: (d) => serverLog.push(d) });
  browser = await h.launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  console.log(`# workbench up in ${Date.now() - t0} ms`);
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await h?.stopGroup(server);
  if (root) h.removeDir(root);
});

async function openFile(rel: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  await input.fill(rel);
  // The quick-open list fills asynchronously: wait for the file to be listed before Enter.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: rel.split('/').pop()! })
    .first()
    .waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: STEP_MS });
}

async function goTo(line: number, column: number): Promise<void> {
  // Focus the editor (the Problems panel has it after Ctrl+Shift+M), then "Go to Line/Column".
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_MS });
  // Ctrl+G opens the quick input with ":" typed; fill() replaces it, so it goes back in.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
}

let target: Target;

test('the Problems panel lists the findings of the example, with their rule ids', async () => {
  const t0 = Date.now();
  target = pickTarget(workspace);
  console.log(`# UI target: ${target.rel} (${target.findings.length} findings)`);
  await openFile(target.rel);
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: STEP_MS });
  // The extension activates on the YAML file, lints it and publishes: rows appear.
  const rows = panel.locator('.monaco-list-row');
  try {
    await rows
      .filter({ hasText: target.findings[0].message.slice(0, 40) })
      .first()
      .waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-problems');
  }
  const panelText = await panel.innerText();
  // The panel lists errors first, then warnings, then infos, each by position; it only renders
  // the rows that fit, so check the first ones in that order.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const inPanelOrder = [...target.findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.offset - b.offset);
  for (const f of inPanelOrder.slice(0, 5)) {
    assert.ok(
      panelText.includes(f.message.slice(0, 60)),
      `the Problems panel should show "${f.message}"; it shows:\n${panelText}`,
    );
    assert.ok(panelText.includes(f.rule), `the Problems panel should show the rule id ${f.rule}`);
  }
  console.log(`# Problems panel filled in ${Date.now() - t0} ms`);
});

test("hovering a finding shows its message and its rule's description", async () => {
  assert.ok(target, 'the Problems panel test runs first');
  const finding = target.findings.find((f) => f.fix || f.suggestions?.length) ?? target.findings[0];
  const meta = ruleMeta(finding.rule);
  assert.ok(meta, `${finding.rule} is in the registry`);
  const lines = target.text.slice(0, finding.offset + 1).split('\n');
  await goTo(lines.length, lines[lines.length - 1].length);
  await runCommand('Show or Focus Hover');
  // Our hover part (the rule's description) arrives after VS Code's own part (the problem): wait for both.
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: meta.description.slice(0, 40) }).first();
  try {
    await hover.waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-hover', 'hover');
  }
  const text = await hover.innerText();
  assert.ok(
    text.includes(finding.message.slice(0, 40)),
    `the hover should show "${finding.message}"; it shows:\n${text}`,
  );
  assert.ok(
    text.includes(meta.description.slice(0, 40)),
    `the hover should show the rule's description "${meta.description}"; it shows:\n${text}`,
  );
  await page.keyboard.press('Escape');
});

// Quick fixes are the editor-features part (src/extension/codeActions.ts); until it ships there is
// no menu to check, and the test says so instead of passing.
const quickFixesShipped = existsSync(join(REPO, 'src/extension/codeActions.ts'));

test(
  'the quick-fix menu offers the core fixes of a finding',
  { skip: quickFixesShipped ? false : 'quick fixes are not registered yet (src/extension/codeActions.ts)' },
  async () => {
    assert.ok(target, 'the Problems panel test runs first');
    const fixable = target.findings.find((f) => f.fix || f.suggestions?.length) ?? target.findings[0];
    const lines = target.text.slice(0, fixable.offset).split('\n');
    await goTo(lines.length, lines[lines.length - 1].length + 1);
    await page.keyboard.press('Control+.');
    // VS Code 1.139 also has an (empty) submenu panel with this class: the menu is the first.
    const menu = page.locator('.action-widget').first();
    try {
      await menu.waitFor({ timeout: STEP_MS });
      await page.waitForTimeout(300); // the menu fills as providers answer
    } finally {
      await shot('ui-quick-fix', 'quick-fix');
    }
    const menuText = await menu.innerText();
    const titles = [fixable.fix?.title, ...(fixable.suggestions ?? []).map((s) => s.title)].filter(
      (t): t is string => !!t,
    );
    assert.ok(titles.length, 'the chosen finding has a fix or a suggestion');
    for (const t of titles)
      assert.ok(
        menuText.includes(t),
        `the quick-fix menu at ${fixable.rule} should offer "${t}"; it shows:\n${menuText}`,
      );
    // Apply the first one, as a user would: its problem leaves the Problems panel.
    await menu.locator('.monaco-list-row', { hasText: titles[0] }).first().click();
    const panel = page.locator('.markers-panel');
    const gone = fixable.message.slice(0, 60);
    const deadline = Date.now() + STEP_MS;
    while ((await panel.innerText()).includes(gone) && Date.now() < deadline) await page.waitForTimeout(200);
    await shot('ui-after-fix');
    assert.ok(
      !(await panel.innerText()).includes(gone),
      `after "${titles[0]}" the Problems panel should no longer show "${fixable.message}"`,
    );
  },
);

test('the Test Explorer lists the journeys of examples/synthetic.yaml, with their steps', async () => {
  const rel = 'examples/synthetic.yaml';
  const text = readFileSync(join(workspace, rel), 'utf8');
  const file = parseFile(text);
  const config = buildSyntheticConfig(file.documents[0]!, file);
  const journeys = config?.journeys ?? [];
  assert.ok(journeys.length >= 2, 'the example has journeys');
  await openFile(rel);
  await page.locator('.codelens-decoration a', { hasText: 'Run journey' }).first().waitFor({ timeout: STEP_MS });
  await runCommand('Testing: Focus on Test Explorer View');
  const tree = page.locator('.test-explorer');
  const rows = tree.locator('.monaco-list-row');
  const fileRow = rows.filter({ hasText: rel }).first();
  await fileRow.waitFor({ timeout: STEP_MS });
  // The explorer lists the workspace's files as they are found, and rows move while it does:
  // wait until the list holds still (a bounded poll on the row count) before expanding.
  let count = -1;
  for (let i = 0, same = 0; i < 120 && same < 4; i++) {
    const n = await rows.count();
    same = n === count ? same + 1 : 0;
    count = n;
    await page.waitForTimeout(250);
  }
  /** Expands a row by its twistie (a click on the row itself would only select it). */
  const expand = async (row: typeof fileRow) => {
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  };
  const firstJourney = rows.filter({ hasText: journeys[0]!.name }).first();
  try {
    await expand(fileRow);
    await firstJourney.waitFor({ timeout: STEP_MS });
    await expand(firstJourney);
    const firstStep = journeys[0]!.steps[0]!.name;
    if (firstStep) await tree.locator('.monaco-list-row', { hasText: firstStep }).first().waitFor({ timeout: STEP_MS });
  } finally {
    await shot('ui-test-explorer', 'test-explorer');
  }
  const treeText = await tree.innerText();
  for (const j of journeys)
    assert.ok(treeText.includes(j.name), `the Test Explorer should list "${j.name}"; it shows:\n${treeText}`);
});
