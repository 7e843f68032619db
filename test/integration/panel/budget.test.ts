/** The Canary view's risk-budget section in headless Chromium: words, bar, and the over-budget alarm. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, type PanelHarness } from './harness';
import { watchingState } from './fixtures';
import { toReadingView } from '../../../src/extension/panel/readingView';
import type { CanaryReading } from '../../../src/core/canary/reading';

const RESULTS = join(__dirname, '..', '..', '..', 'test-results');
let panel: PanelHarness;
const NOW = Date.now();

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  panel = await openPanel();
});
after(async () => {
  await panel?.close();
});

function live(verdict: CanaryReading['verdict'], spentPercent: number | null): CanaryReading {
  return {
    service: 'checkout',
    verdict,
    reason: verdict === 'healthy' ? 'Every gate passes.' : 'error-rate 3.2% is above the limit 1%',
    at: NOW,
    dataAt: NOW,
    windowMs: 60_000,
    warmingUp: false,
    source: { kind: 'scrape', description: 'scrape', error: null, notes: [] },
    weight: 25,
    share: 24.6,
    step: 3,
    steps: [1, 5, 25, 50, 100],
    timeInStepMs: 60_000,
    intervalMs: 300_000,
    requests: { canary: null, baseline: null },
    minRequests: null,
    failureLimit: 0,
    metrics: [],
    budget: { worstCasePercent: 11.574, spentPercent, maxSpendPercent: 10 },
  };
}

test('under budget: the spend, the worst case and the allowance in words, a partial bar', async () => {
  const view = toReadingView(live('healthy', 2.5));
  await panel.post({ type: 'state', state: watchingState(NOW, view) });
  assert.equal(await panel.page.locator('.budget').getAttribute('data-over'), 'false');
  assert.equal(
    (await panel.page.locator('.budget-text').allTextContents())[0],
    'spent 2.5% of the error budget since watching began; worst case 11.6%; allowed 10% per rollout',
  );
  const width = await panel.page.locator('.budget-fill').evaluate((e) => (e as HTMLElement).style.width);
  assert.equal(width, '25%');
});

test('over budget while every gate passes: said plainly, as an alert', async () => {
  const view = toReadingView(live('healthy', 12.3));
  await panel.post({ type: 'state', state: watchingState(NOW, view) });
  assert.equal(await panel.page.locator('.budget').getAttribute('data-over'), 'true');
  assert.equal(await panel.page.locator('.budget').getAttribute('role'), 'alert');
  assert.match(
    (await panel.page.locator('.budget-text').allTextContents())[0]!,
    /^OVER BUDGET: spent 12\.3% .* although every gate passes: many small failures under the thresholds add up/,
  );
  await panel.page.screenshot({ path: join(RESULTS, 'panel-budget-over.png'), fullPage: true });
});

test('no budget: no section', async () => {
  const view = toReadingView({ ...live('healthy', null), budget: null });
  await panel.post({ type: 'state', state: watchingState(NOW, view) });
  assert.equal(await panel.page.locator('.budget').count(), 0);
});
