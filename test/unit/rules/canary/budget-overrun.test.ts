import { runRuleTests } from '../ruleTester';
import { budgetOverrun } from '../../../../src/core/lint/rules/canary/budget-overrun';
import { GOOD, GOOD_NATIVE, native } from './fixtures';

const BUDGET = '  budget:\n    slo: "99.9%"\n    window: 30d\n';
const CONFIG_BUDGET = { budget: { slo: '99.9%', window: '30d', max_spend: '10%' } };
/** The documented example: 50% x 5m x (1 + 1) of a 43.2-minute budget = 11.6%. */
const OVER = GOOD_NATIVE + BUDGET;

const FLAGGER = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
spec:
  analysis:
    interval: 1m
    threshold: 10
    maxWeight: 50
    stepWeight: 10
    metrics:
    - name: request-success-rate
      thresholdRange:
        min: 99
`;

const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: app
spec:
  strategy:
    canary:
      analysis:
        templates:
        - templateName: success-rate
      steps:
      - setWeight: 20
      - pause: {duration: 10m}
      - setWeight: 40
      - pause: {duration: 10m}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  metrics:
  - name: success-rate
    interval: 5m
    failureLimit: 2
    successCondition: result[0] >= 0.95
    provider:
      prometheus:
        query: x
`;

runRuleTests(budgetOverrun, {
  valid: [
    ...GOOD,
    { name: 'no budget anywhere: nothing to judge', code: OVER.replace(BUDGET, '') },
    { name: 'within a larger max_spend', code: GOOD_NATIVE + BUDGET + '    max_spend: "12%"\n' },
    {
      name: 'within budget from the config file',
      code: native('[1, 5, 25, 50, 100]', '[1, 5, 20, 100]'),
      settings: CONFIG_BUDGET,
    },
    {
      name: "the canary's own looser budget wins over the config file",
      code: GOOD_NATIVE + '  budget:\n    slo: "99%"\n    window: 30d\n',
      settings: CONFIG_BUDGET,
    },
    {
      name: 'no rollback: canary/missing-rollback says it, not this rule',
      code: native('on_failure: rollback', 'on_failure: pause') + BUDGET,
    },
    {
      name: 'an Argo template elsewhere: unknown detection time, no guess',
      code: ARGO.split('---')[0],
      settings: CONFIG_BUDGET,
    },
  ],
  invalid: [
    {
      name: 'native: the documented example, with its three remedies',
      code: OVER,
      errors: [
        { messageId: 'overrun', text: '50', message: /fails outright at 50% burns 11\.6% of the 30-day error budget/ },
      ],
      output: null,
      suggestions: [
        [
          {
            title: 'Cap the steps below 100% at 43%',
            output: OVER.replace('[1, 5, 25, 50, 100]', '[1, 5, 25, 43, 100]'),
          },
          { title: /^Shorten the interval to 4m/, output: OVER.replace('interval: 5m', 'interval: 4m') },
          { title: 'Lower failure_limit to 0', output: OVER.replace('failure_limit: 1', 'failure_limit: 0') },
        ],
      ],
    },
    {
      name: 'native: budget from .release-safety.yaml',
      code: GOOD_NATIVE,
      settings: CONFIG_BUDGET,
      errors: [{ messageId: 'overrun', text: '50', message: /max_spend of \.release-safety\.yaml/ }],
    },
    {
      name: 'native: capping keeps the steps strictly increasing',
      code: native('[1, 5, 25, 50, 100]', '[30, 60, 80, 100]') + BUDGET,
      errors: [{ messageId: 'overrun', text: '80' }],
      suggestions: [
        [
          { title: 'Cap the steps below 100% at 43%', output: native('[1, 5, 25, 50, 100]', '[30, 43, 100]') + BUDGET },
          {
            title: /^Shorten the interval to 2m/,
            output: native('[1, 5, 25, 50, 100]', '[30, 60, 80, 100]').replace('interval: 5m', 'interval: 2m') + BUDGET,
          },
          {
            title: 'Lower failure_limit to 0',
            output:
              native('[1, 5, 25, 50, 100]', '[30, 60, 80, 100]').replace('failure_limit: 1', 'failure_limit: 0') +
              BUDGET,
          },
        ],
      ],
    },
    {
      name: 'flagger: interval x threshold at maxWeight',
      code: FLAGGER,
      settings: CONFIG_BUDGET,
      errors: [{ messageId: 'overrun', text: '10', after: 'stepWeight: ' }],
      suggestions: [
        [
          { title: 'Lower maxWeight to 40', output: FLAGGER.replace('maxWeight: 50', 'maxWeight: 40') },
          { title: 'Lower threshold to 8', output: FLAGGER.replace('threshold: 10', 'threshold: 8') },
        ],
      ],
    },
    {
      name: 'argo: the template in the same file decides the time to roll back',
      code: ARGO,
      settings: CONFIG_BUDGET,
      errors: [{ messageId: 'overrun', text: '40' }],
      suggestions: [
        [{ title: 'Cap the steps below 100% at 28%', output: ARGO.replace('setWeight: 40', 'setWeight: 28') }],
      ],
    },
    {
      name: 'a budget that does not make sense is said where it is written',
      code: GOOD_NATIVE + '  budget:\n    slo: "100%"\n    window: 30d\n',
      errors: [{ messageId: 'invalidBudget', text: 'budget', message: /budget\.slo: 100%/ }],
    },
  ],
});
