/**
 * The canary panel's webview bundle in headless Chromium, driven by typed host messages: what a
 * release engineer reads (banner, gates, badges, staircase), that hostile names stay text, that
 * the CSP holds, and screenshots in light, dark and high-contrast under test-results/.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, type PanelHarness } from './harness';
import { HOSTILE, emptyState, reading, watchingState } from './fixtures';

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

const text = (sel: string) => panel.page.locator(sel).allTextContents();

test('the shell carries a strict CSP with a nonce, and the bundle loads under it', async () => {
  assert.match(panel.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  const nonce = /script-src 'nonce-([A-Za-z0-9_-]{16,})'/.exec(panel.html)?.[1];
  assert.ok(nonce, 'a nonce in script-src');
  assert.ok(panel.html.includes(`<script nonce="${nonce}"`), 'the script tag carries the same nonce');
  const csp = await panel.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(csp?.startsWith("default-src 'none'"));
  // The webview said hello, so the script ran under that CSP.
  assert.deepEqual((await panel.posted())[0], { type: 'ready' });
});

test('a breaching canary: banner, staircase, gate rows and badges', async () => {
  await panel.post({ type: 'state', state: watchingState(NOW) });
  assert.equal(await panel.page.locator('.banner').getAttribute('data-verdict'), 'breach');
  assert.equal((await text('.banner-verdict'))[0], 'Breach');
  assert.match((await text('.banner-reason'))[0]!, /error-rate 3\.2% is above the limit 1%/);
  assert.match((await text('.last-reading'))[0]!, /^Last reading \d/);
  assert.deepEqual(await text('.stair-label'), ['1%', '5%', '25%', '50%', '100%']);
  assert.deepEqual(
    await panel.page.locator('.stair').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
    ['done', 'done', 'current', 'future', 'future'],
  );
  assert.equal((await text('.step-text'))[0], 'Step 3 of 5: 25% (measured 24.6% of requests)');
  assert.equal((await text('.step-time'))[0], 'In step 3m 10s of 5m');
  assert.deepEqual(await text('.gate-name'), ['error-rate', 'p99-latency', HOSTILE]);
  assert.deepEqual(await text('.badge'), ['fail', 'pass', 'inconclusive']);
  assert.deepEqual(await text('.gate-canary'), ['3.2%', '212 ms', 'no data']);
  assert.deepEqual(await text('.gate-baseline'), ['0.41%', '198 ms', '4']);
  assert.deepEqual(await text('.gate-limit'), ['<= 1%', '<= 218 ms', '<= 6']);
  assert.equal(await panel.page.locator('figure.chart canvas').count(), 3, 'one chart per metric');
  await panel.page.screenshot({ path: join(RESULTS, 'panel-dark-breach.png'), fullPage: true });
});

test('HTML in a metric name, service or error stays text and never runs', async () => {
  await panel.post({
    type: 'state',
    state: watchingState(NOW, { errors: [`canary endpoint said ${HOSTILE}`], verdict: 'stale', reason: HOSTILE }),
  });
  assert.equal(await panel.page.locator('img').count(), 0, 'no <img> element was created');
  assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.ok((await text('.errors li'))[0]!.includes(HOSTILE));
  assert.equal((await text('.banner-reason'))[0], HOSTILE);
  assert.ok((await text('.chart-title')).includes(`${HOSTILE}`), 'the chart title shows the name as text');
  await panel.post({ type: 'state', state: emptyState() });
  assert.ok((await text('.config-service')).includes(HOSTILE));
  assert.equal(await panel.page.locator('img').count(), 0);
});

test('stale and inconclusive never look healthy', async () => {
  for (const verdict of ['stale', 'inconclusive'] as const) {
    await panel.post({
      type: 'state',
      state: watchingState(NOW, { verdict, reason: 'the canary endpoint did not answer' }),
    });
    const banner = panel.page.locator('.banner');
    assert.equal(await banner.getAttribute('data-verdict'), verdict);
    assert.match((await text('.banner-hint'))[0]!, /Not a healthy signal/);
    const [tone, healthyTone] = await panel.page.evaluate(() => {
      const b = document.querySelector('.banner')!;
      return [
        getComputedStyle(b).borderLeftColor,
        getComputedStyle(document.body).getPropertyValue('--vscode-testing-iconPassed'),
      ];
    });
    assert.notEqual(tone, healthyTone);
    assert.notEqual(tone, 'rgb(115, 201, 145)', 'not the passing green');
  }
});

test('a delta reading updates the banner and extends the charts', async () => {
  await panel.post({ type: 'state', state: watchingState(NOW) });
  const before = await panel.page.evaluate(
    () =>
      (window as unknown as { __state: { panel: { watch: { charts: { points: unknown[] }[] } } } }).__state.panel.watch
        .charts[0]!.points.length,
  );
  await panel.post({
    type: 'reading',
    reading: reading(NOW + 30_000, { verdict: 'healthy', reason: '' }),
    backoffMs: null,
  });
  assert.equal((await text('.banner-verdict'))[0], 'Healthy');
  const afterLen = await panel.page.evaluate(
    () =>
      (window as unknown as { __state: { panel: { watch: { charts: { points: unknown[] }[] } } } }).__state.panel.watch
        .charts[0]!.points.length,
  );
  assert.equal(afterLen, before, 'the oldest point fell out of the 30-minute window as the new one came in');
  const last = await panel.page.evaluate(
    () =>
      (
        window as unknown as { __state: { panel: { watch: { charts: { points: number[][] }[] } } } }
      ).__state.panel.watch.charts[0]!.points.at(-1)![0],
  );
  assert.equal(last, NOW + 30_000);
});

test('bad messages are ignored, and actions post typed messages', async () => {
  await panel.post({ type: 'state', state: watchingState(NOW) });
  await panel.post({ type: 'nonsense' });
  await panel.post({ type: 'state', state: { trusted: 'yes' } });
  await panel.post('<b>hi</b>');
  assert.equal((await text('.banner-verdict'))[0], 'Breach', 'the panel kept its state');
  await panel.page.locator('vscode-button', { hasText: 'Pause' }).click();
  await panel.page.locator('vscode-button', { hasText: 'Open config' }).click();
  const posted = await panel.posted();
  assert.deepEqual(posted.slice(-2), [
    { type: 'pause' },
    { type: 'openConfig', uri: 'file:///ws/deploy/checkout/canary-analysis.yaml' },
  ]);
});

test('empty state lists the configs; an untrusted workspace says why and offers no Watch', async () => {
  await panel.post({ type: 'state', state: emptyState() });
  assert.deepEqual(await text('.config-label'), ['deploy/checkout/canary-analysis.yaml', 'deploy/search/canary.yaml']);
  await panel.page.locator('.config').first().locator('vscode-button', { hasText: 'Watch' }).click();
  assert.deepEqual((await panel.posted()).at(-1), {
    type: 'watch',
    uri: 'file:///ws/deploy/checkout/canary-analysis.yaml',
  });
  await panel.setTheme('light');
  await panel.page.screenshot({ path: join(RESULTS, 'panel-light-empty.png'), fullPage: true });
  await panel.post({ type: 'state', state: emptyState(false) });
  assert.match((await text('.banner-untrusted .banner-reason'))[0]!, /polls no canary source/);
  assert.equal(
    await panel.page.locator('.config').first().locator('vscode-button', { hasText: 'Watch' }).getAttribute('disabled'),
    '',
  );
});

test('a young canary fills its charts: the time axis spans the data on hand, long labels fit', async () => {
  const state = watchingState(NOW);
  const watch = state.watch!;
  // Three minutes of readings every 15 s, latencies in the thousands of milliseconds.
  watch.charts = watch.charts.map((c) => ({
    ...c,
    points: c.points
      .slice(-12)
      .map(([t, a, b, l]) =>
        c.unit === 'ms'
          ? [t, a === null ? null : a * 9, b === null ? null : b * 9, l === null ? null : l * 9]
          : [t, a, b, l],
      ),
  }));
  await panel.setTheme('light');
  await panel.post({ type: 'state', state });
  assert.equal((await text('.charts-section h3'))[0], 'Last 3 minutes');
  const spans = await panel.page
    .locator('figure.chart')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-span-s'))));
  for (const span of spans)
    assert.ok(span >= 165 && span < 240, `the axis spans the three minutes on hand, not 30: ${span}s`);
  // No y label wider than the axis that holds it: every label's box lies inside the figure.
  const cut = await panel.page.evaluate(() => {
    const out: string[] = [];
    for (const fig of Array.from(document.querySelectorAll('figure.chart'))) {
      const box = fig.getBoundingClientRect();
      const canvas = fig.querySelector('canvas')!.getBoundingClientRect();
      if (canvas.left < box.left - 1 || canvas.right > box.right + 1) out.push(fig.getAttribute('data-metric') ?? '?');
    }
    return out;
  });
  assert.deepEqual(cut, []);
  await panel.page.screenshot({ path: join(RESULTS, 'panel-young-canary.png'), fullPage: true });
});

test('metric checks against Prometheus are listed with value, condition and phase; untrusted says nothing is queried', async () => {
  const state = emptyState();
  state.checks = [
    {
      name: 'success-rate',
      file: 'rollouts/analysis.yaml',
      phase: 'Failed',
      value: 0.912,
      condition: 'result[0] >= 0.95',
      message: '',
      at: NOW,
    },
    {
      name: 'p99',
      file: 'rollouts/analysis.yaml',
      phase: 'Inconclusive',
      value: null,
      condition: 'result[0] <= 500',
      message: 'the query returned no data (an empty result); Argo would record Error.',
      at: NOW - 60_000,
    },
  ];
  await panel.setTheme('dark');
  await panel.post({ type: 'state', state });
  assert.deepEqual(await text('.checks .gate-name'), ['success-rate', 'p99']);
  assert.deepEqual(await text('.checks .badge'), ['Failed', 'Inconclusive']);
  assert.deepEqual(await text('.checks .check-value'), ['0.912', 'no data']);
  assert.ok((await text('.checks .gate-threshold')).includes('condition: result[0] >= 0.95'));
  await panel.page.screenshot({ path: join(RESULTS, 'panel-dark-checks.png'), fullPage: true });
  await panel.post({ type: 'state', state: { ...state, trusted: false } });
  assert.match((await text('.banner-untrusted .banner-reason'))[0]!, /queries no Prometheus/);
});

test('screenshots: light, dark and high contrast', async () => {
  for (const theme of ['light', 'dark', 'hc'] as const) {
    await panel.setTheme(theme);
    await panel.post({ type: 'state', state: watchingState(NOW) });
    await panel.page.screenshot({ path: join(RESULTS, `panel-${theme}.png`), fullPage: true });
  }
  await panel.setTheme('light');
  await panel.post({ type: 'state', state: watchingState(NOW, { verdict: 'healthy', reason: '', gates: [] }) });
  assert.equal(await panel.page.locator('.banner').getAttribute('data-verdict'), 'healthy');
  assert.deepEqual(panel.cspViolations, [], 'nothing was blocked by the CSP');
  assert.deepEqual(panel.pageErrors, []);
});
