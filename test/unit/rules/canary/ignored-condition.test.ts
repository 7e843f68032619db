import { runRuleTests } from '../ruleTester';
import { ignoredCondition } from '../../../../src/core/lint/rules/canary/ignored-condition';
import { template } from './templateFixtures';
import { GOOD } from './fixtures';

const HEAD = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: checks}\nspec:\n  metrics:\n';
const JOB =
  '    provider:\n      job:\n        spec:\n          backoffLimit: 0\n          template:\n            spec:\n              containers: [{name: k6, image: grafana/k6}]\n              restartPolicy: Never\n';
const KAYENTA =
  '    provider:\n      kayenta:\n        address: http://kayenta.default:8090\n        application: checkout\n        canaryConfigName: default\n        threshold: {pass: 90, marginal: 75}\n        scopes: []\n';

runRuleTests(ignoredCondition, {
  valid: [
    ...GOOD,
    template('ok'),
    { name: 'a job metric judged by its Job alone', code: `${HEAD}  - name: e2e\n${JOB}` },
    { name: 'a kayenta metric judged by its score alone', code: `${HEAD}  - name: judge\n${KAYENTA}` },
    {
      name: 'two providers in one metric: the schema reports those, not this rule',
      code: `${HEAD}  - name: both\n    successCondition: result == 1\n${JOB}      web:\n        url: http://x/\n`,
    },
  ],
  invalid: [
    {
      // Reproduces mrthehavok/k8s-observable-rollouts docs/rollout-strategies.md: a k6 load test
      // run as a Job, with "successCondition: result < 500" meant as a latency gate.
      name: 'a successCondition on a job metric',
      code: `${HEAD}  - name: load-test\n    count: 3\n    interval: 30s\n    successCondition: result < 500\n${JOB}`,
      errors: [
        {
          text: 'successCondition',
          messageId: 'ignored',
          data: {
            key: 'successCondition',
            provider: 'job',
            metric: 'load-test',
            judgedBy: "the Job's outcome (its exit code)",
          },
        },
      ],
      output: null,
    },
    {
      name: 'both conditions on a kayenta metric',
      code: `${HEAD}  - name: judge\n    successCondition: result >= 90\n    failureCondition: result < 75\n${KAYENTA}`,
      errors: [
        { text: 'successCondition', messageId: 'ignored' },
        { text: 'failureCondition', messageId: 'ignored' },
      ],
    },
  ],
});
