import { runRuleTests } from '../ruleTester';
import { noCondition } from '../../../../src/core/lint/rules/canary/no-condition';
import { template } from './templateFixtures';
import { GOOD, flagger } from './fixtures';

const NO_CONDITION = '    interval: 1m\n    count: 5\n';
const web =
  'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: smoke}\nspec:\n  metrics:\n  - name: smoke\n    provider:\n      web:\n        url: http://checkout.default/healthz\n';
const job =
  'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: job}\nspec:\n  metrics:\n  - name: e2e\n    provider:\n      job:\n        spec:\n          template:\n            spec:\n              containers: [{name: t, image: tests}]\n              restartPolicy: Never\n';

runRuleTests(noCondition, {
  valid: [
    ...GOOD,
    template('ok'),
    {
      name: 'a failureCondition alone',
      code: template('t', NO_CONDITION + '    failureCondition: result[0] < 0.99\n'),
    },
    // Pattern of argoproj/argo-rollouts examples/analysis-templates.yaml: Jobs judge themselves.
    { name: "a job metric: the Job's outcome is the verdict", code: job },
    { name: 'a web metric without conditions is a smoke check (an HTTP error fails it)', code: web },
    // Pattern of fluxcd/flagger artifacts/examples/kuma-canary.yaml: the deprecated per-metric
    // threshold, which Flagger still applies when thresholdRange is absent.
    {
      name: 'flagger: the deprecated metric threshold still halts',
      code: flagger(
        '      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '      threshold: 500\n      interval: 1m\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'argo: a prometheus metric with no condition can never fail',
      code: template('t', NO_CONDITION),
      errors: [
        {
          text: 'success-rate',
          after: '- name: ',
          messageId: 'argo',
          message: /every prometheus measurement as Successful/,
        },
      ],
    },
    {
      // Pattern of fluxcd/flagger docs/gitbook/usage/metrics.md: a templateRef metric whose
      // thresholdRange was left out only records a number.
      name: 'flagger: a metric with no thresholdRange never halts the canary',
      code: flagger(
        '      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '      templateRef:\n        name: latency\n      interval: 1m\n',
      ),
      errors: [{ text: 'request-duration', messageId: 'flagger' }],
    },
  ],
});
