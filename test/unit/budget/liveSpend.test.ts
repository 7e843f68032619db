/** The live spend: failed requests integrated over time, against the window's allowance. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BudgetMeter } from '../../../src/core/budget/liveSpend';
import { budgetSummary } from '../../../src/core/budget/budgetSummary';
import { readBudgetPolicy, type BudgetPolicy } from '../../../src/core/budget/budgetPolicy';
import type { SourceSample } from '../../../src/core/canary/source';
import { metric, plan } from '../canary/planFixture';

const read = readBudgetPolicy({ slo: '99.9%', window: '30d', max_spend: '10%' });
const POLICY = (read as { ok: true; policy: BudgetPolicy }).policy;

function sample(
  at: number,
  windowMs: number,
  canary: number,
  baseline: number,
  errorRate: number | null,
  extra: Partial<SourceSample> = {},
): SourceSample {
  return {
    at,
    windowMs,
    canary: { requests: canary, values: { 'error-rate': errorRate } },
    baseline: { requests: baseline, values: { 'error-rate': 0 } },
    metricErrors: {},
    notes: [],
    ...extra,
  };
}

test('spent = failed canary requests / ((1 - slo) x total rate x window)', () => {
  const meter = new BudgetMeter(plan(), { policy: POLICY, worstCasePercent: 11.6 });
  // 100 canary + 300 baseline requests per 10 s window: 40 req/s; 5% of the canary's fail.
  for (let i = 1; i <= 6; i++) meter.add(sample(i * 10_000, 10_000, 100, 300, 5));
  const snap = meter.snapshot();
  // 30 failed requests over 60 s; the window allows 0.001 x 40 x 2,592,000 = 103,680.
  assert.ok(Math.abs(snap.spentPercent! - (100 * 30) / 103_680) < 1e-9, String(snap.spentPercent));
  assert.equal(snap.worstCasePercent, 11.6);
  assert.equal(snap.maxSpendPercent, 10);
});

test('overlapping windows are integrated over the time between readings, not summed', () => {
  const overlapping = new BudgetMeter(plan(), { policy: POLICY, worstCasePercent: null });
  const disjoint = new BudgetMeter(plan(), { policy: POLICY, worstCasePercent: null });
  // Prometheus: a 60 s rate window read every 15 s; the same traffic read as 15 s windows.
  for (let i = 1; i <= 8; i++) overlapping.add(sample(i * 15_000, 60_000, 600, 1800, 2));
  for (let i = 1; i <= 8; i++) disjoint.add(sample(i * 15_000, 15_000, 150, 450, 2));
  const a = overlapping.snapshot().spentPercent!;
  const b = disjoint.snapshot().spentPercent!;
  // The first overlapping reading counts one whole window (45 s more than the disjoint one).
  assert.ok(Math.abs(a / b - 165 / 120) < 1e-9, `${a} vs ${b}`);
});

test('a healthy canary with no failures spends nothing; success-rate gates count too', () => {
  const healthy = new BudgetMeter(plan(), { policy: POLICY, worstCasePercent: 1 });
  for (let i = 1; i <= 3; i++) healthy.add(sample(i * 5000, 5000, 50, 150, 0));
  assert.equal(healthy.snapshot().spentPercent, 0);
  const success = new BudgetMeter(plan({ metrics: [metric('success-rate', '>= 99%')] }), {
    policy: POLICY,
    worstCasePercent: 1,
  });
  success.add({ ...sample(5000, 5000, 100, 100, null), canary: { requests: 100, values: { 'success-rate': 90 } } });
  assert.ok(success.snapshot().spentPercent! > 0);
});

test('what cannot be measured says why, and the same reading twice adds nothing', () => {
  const noGate = new BudgetMeter(plan({ metrics: [metric('p99-latency', '<= 1s')] }), {
    policy: POLICY,
    worstCasePercent: null,
  });
  noGate.add(sample(5000, 5000, 10, 10, 1));
  assert.deepEqual(
    [noGate.snapshot().spentPercent, noGate.snapshot().note],
    [null, 'no error-rate or success-rate gate to count failed requests with'],
  );
  const meter = new BudgetMeter(plan(), { policy: POLICY, worstCasePercent: null });
  meter.add(sample(5000, 0, 0, 0, null, { warmingUp: true }));
  assert.equal(meter.snapshot().note, 'no requests measured yet');
  meter.add(sample(10_000, 5000, 100, 100, 10));
  const once = meter.snapshot().spentPercent;
  meter.add(sample(10_000, 5000, 100, 100, 10));
  assert.equal(meter.snapshot().spentPercent, once);
  meter.add(sample(15_000, 5000, 100, 100, Number.NaN));
  assert.equal(meter.snapshot().spentPercent, once);
});

test('the summary says plainly when the spend passes the allowance while every gate passes', () => {
  const s = budgetSummary({ worstCasePercent: 11.6, spentPercent: 12.3, maxSpendPercent: 10 }, true);
  assert.ok(s.overWhileHealthy && s.over);
  assert.match(
    s.text,
    /^OVER BUDGET: spent 12\.3% of the error budget since watching began, more than the 10% allowed, although every gate passes/,
  );
  const under = budgetSummary({ worstCasePercent: 11.6, spentPercent: 0.5, maxSpendPercent: 10 }, true);
  assert.equal(
    under.text,
    'spent 0.5% of the error budget since watching began; worst case 11.6%; allowed 10% per rollout',
  );
});
