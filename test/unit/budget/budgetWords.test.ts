/** The worst case in words where people read it: the steps hover and the timeline CodeLens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/describe/hoverAt';
import { lensesFor } from '../../../src/core/describe/codeLenses';

const CANARY = `canary:
  service: checkout
  steps: [1, 5, 25, 50, 100]
  interval: 5m
  on_failure: rollback
  failure_limit: 1
  budget:
    slo: "99.9%"
    window: 30d
    max_spend: "10%"
`;
const WORDS = 'a release that fails outright at 50% burns 11.6% of the 30-day error budget before it is rolled back';

const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  strategy:
    canary:
      analysis:
        templates:
        - templateName: rate
      steps:
      - setWeight: 10
      - pause: {duration: 5m}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: rate}
spec:
  metrics:
  - name: rate
    interval: 1m
    failureLimit: 1
    successCondition: result[0] >= 0.99
    provider: {prometheus: {query: x}}
`;

test('the steps hover of a native canary says the worst-case spend and the arithmetic', () => {
  const info = hoverAt(CANARY, CANARY.indexOf('25'));
  assert.ok(info);
  const line = info!.lines.find((l) => l.startsWith('Risk budget:'));
  assert.equal(line?.split(' (allowed')[0], `Risk budget: ${WORDS}`);
  assert.match(line!, /allowed: 10%, over budget/);
  assert.match(line!, /50% x 10 min \(5 min interval x \(failure_limit 1 \+ 1\)\) \/ 43 min 12 s of error budget/);
});

test('the timeline CodeLens carries the worst case, its tooltip the sentence', () => {
  const lens = lensesFor(CANARY).find((l) => l.kind === 'canary-timeline')!;
  assert.match(lens.title, /· worst case 11\.6% of the error budget \(over 10%\)$/);
  assert.ok(lens.tooltip.includes(WORDS));
});

test('an Argo Rollout under a .release-safety.yaml budget: hover and CodeLens from the template', () => {
  const budget = { slo: '99.9%', window: '30d' };
  const lens = lensesFor(ARGO, undefined, { budget }).find((l) => l.kind === 'canary-timeline')!;
  // 10% x 2 min / 43.2 min = 0.46%
  assert.match(lens.title, /worst case 0\.46% of the error budget$/);
  const info = hoverAt(ARGO, ARGO.indexOf('setWeight: 10') + 11, undefined, {}, { budget });
  assert.ok(
    info?.lines.some((l) => l.startsWith('Risk budget: a release that fails outright at 10% burns 0.46%')),
    info?.lines.join('\n'),
  );
});

test('no budget: the hover and the CodeLens stay as they were', () => {
  const plain = CANARY.slice(0, CANARY.indexOf('  budget:'));
  assert.ok(!hoverAt(plain, plain.indexOf('25'))!.lines.some((l) => l.includes('budget')));
  assert.ok(!lensesFor(plain)[0].title.includes('budget'));
});
