/** The risk-budget arithmetic per format, as docs/budget.md states it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { buildCanaryPlan } from '../../../src/core/plan/buildPlan';
import { assessBudget } from '../../../src/core/budget/assessBudget';
import { readBudgetPolicy } from '../../../src/core/budget/budgetPolicy';
import { formatPercent } from '../../../src/core/budget/worstCaseSpend';

const BUDGET = { slo: '99.9%', window: '30d', max_spend: '10%' };

function assess(text: string, configBudget: unknown = BUDGET) {
  const file = parseFile(text);
  const document = file.documents.find(
    (d) => d.kind === 'canary' || d.kind === 'argo-rollout' || d.kind === 'flagger-canary',
  )!;
  const plan = buildCanaryPlan(document, file)!;
  return assessBudget(plan, document, file, configBudget);
}

function nativeCanary(steps: string, interval: string, failureLimit: number | null, extra = ''): string {
  return `canary:\n  steps: ${steps}\n  interval: ${interval}\n  on_failure: rollback\n${failureLimit === null ? '' : `  failure_limit: ${failureLimit}\n`}${extra}`;
}

function spendOf(text: string, configBudget: unknown = BUDGET): number | null | string {
  const a = assess(text, configBudget);
  if (a.kind !== 'assessed') return a.kind;
  if (!a.spend.ok) return `unknown: ${a.spend.why}`;
  return a.spend.worst ? Math.round(a.spend.worst.percent * 100) / 100 : null;
}

describe('the error budget of a window', () => {
  it('is (1 - slo) x window', () => {
    const r = readBudgetPolicy(BUDGET);
    assert.ok(r.ok);
    if (r.ok) assert.equal(Math.round(((1 - r.policy.slo) * r.policy.windowMs) / 600) / 100, 43.2); // minutes
  });
  it('defaults max_spend to 10% and reads numbers as percents', () => {
    const r = readBudgetPolicy({ slo: 99.5, window: '28d' });
    assert.ok(r.ok && r.policy.maxSpendPercent === 10 && Math.abs(r.policy.slo - 0.995) < 1e-12);
  });
  for (const [name, raw] of [
    ['an slo of 100%', { slo: '100%', window: '30d' }],
    ['an slo above 100%', { slo: '120%', window: '30d' }],
    ['no window', { slo: '99.9%' }],
    ['a window that is not a duration', { slo: '99.9%', window: 'monthly' }],
    ['max_spend 0', { slo: '99.9%', window: '30d', max_spend: 0 }],
    ['a list', ['99.9%']],
  ] as const) {
    it(`refuses ${name} with a message`, () => {
      const r = readBudgetPolicy(raw);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.problems.length > 0 && r.problems.every((p) => p.includes('budget')));
    });
  }
});

describe('worst-case spend', () => {
  const cases: Array<[string, string, number | null | string]> = [
    // 50% x 5m x (1 + 1) / 43.2 min
    ['native, the documented example', nativeCanary('[1, 5, 25, 50, 100]', '5m', 1), 11.57],
    ['native, failure_limit 0 halves the time', nativeCanary('[1, 5, 25, 50, 100]', '5m', 0), 5.79],
    ['native, no failure_limit means 0', nativeCanary('[1, 5, 25, 50, 100]', '5m', null), 5.79],
    ['native, a single guarded step', nativeCanary('[10, 100]', '10m', 2), 6.94],
    ['native, steps ending below 100: the last one is guarded', nativeCanary('[5, 25, 60]', '5m', 0), 6.94],
    ['native, no guarded step (straight to 100)', nativeCanary('[100]', '5m', 0), null],
    [
      'native, nothing rolls back',
      'canary:\n  steps: [5, 100]\n  interval: 5m\n  on_failure: pause\n',
      'unknown: nothing rolls this canary back by itself, so a failing release is exposed until a person acts',
    ],
    [
      'flagger: interval x threshold, up to maxWeight',
      'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: {name: podinfo}\nspec:\n  analysis:\n    interval: 1m\n    threshold: 10\n    maxWeight: 50\n    stepWeight: 10\n    metrics:\n    - name: request-success-rate\n      thresholdRange: {min: 99}\n',
      11.57,
    ],
    [
      'argo, background analysis: template interval x (failureLimit + 1)',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: app}\nspec:\n  strategy:\n    canary:\n      analysis:\n        templates:\n        - templateName: success-rate\n      steps:\n      - setWeight: 20\n      - pause: {duration: 10m}\n      - setWeight: 40\n      - pause: {duration: 10m}\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: success-rate}\nspec:\n  metrics:\n  - name: success-rate\n    interval: 5m\n    failureLimit: 2\n    successCondition: result[0] >= 0.95\n    provider:\n      prometheus:\n        query: x\n',
      // 40% x 15 min / 43.2 min
      13.89,
    ],
    [
      'argo, step analysis: the slowest metric is the worst case',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: app}\nspec:\n  strategy:\n    canary:\n      steps:\n      - setWeight: 10\n      - analysis:\n          templates:\n          - templateName: checks\n      - setWeight: 100\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: checks}\nspec:\n  metrics:\n  - name: fast\n    interval: 1m\n    successCondition: result[0] >= 0.95\n    provider: {prometheus: {query: x}}\n  - name: slow\n    interval: 2m\n    failureLimit: 3\n    successCondition: result[0] >= 0.95\n    provider: {prometheus: {query: y}}\n',
      // 10% x 8 min / 43.2 min
      1.85,
    ],
    [
      'argo, a template that is not here: unknown, and said so',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: app}\nspec:\n  strategy:\n    canary:\n      analysis:\n        templates:\n        - templateName: elsewhere\n      steps:\n      - setWeight: 20\n',
      'unknown: the analysis template "elsewhere" is not among the files linted together',
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.equal(spendOf(text), expected));
  }

  it("the canary's own budget wins over the config file's", () => {
    const text = nativeCanary('[1, 5, 25, 50, 100]', '5m', 1, '  budget:\n    slo: "99%"\n    window: 30d\n');
    // 50% x 10 min / 432 min
    assert.equal(spendOf(text), 1.16);
    const a = assess(text);
    assert.ok(a.kind === 'assessed' && a.from === 'canary');
  });
  it('without any budget there is nothing to assess', () => {
    assert.equal(assess(nativeCanary('[1, 100]', '5m', 0), null).kind, 'none');
  });
  it('says the worst case in words', () => {
    const a = assess(nativeCanary('[1, 5, 25, 50, 100]', '5m', 1));
    assert.ok(a.kind === 'assessed' && a.spend.ok && a.spend.worst);
    if (a.kind === 'assessed' && a.spend.ok && a.spend.worst) {
      assert.equal(
        a.spend.worst.words,
        'a release that fails outright at 50% burns 11.6% of the 30-day error budget before it is rolled back',
      );
    }
  });
  it('formats small and large percents readably', () => {
    assert.deepEqual([11.574, 5.787, 0.04321, 150].map(formatPercent), ['11.6%', '5.79%', '0.043%', '150%']);
  });
});
