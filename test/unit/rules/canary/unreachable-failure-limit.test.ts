import { runRuleTests } from '../ruleTester';
import { unreachableFailureLimit } from '../../../../src/core/lint/rules/canary/unreachable-failure-limit';
import { template, files } from './templateFixtures';

const metric = (fields: string) => fields + '    successCondition: result[0] >= 0.99\n';

const experiment = (duration: string, name = 'success-rate') => `apiVersion: argoproj.io/v1alpha1
kind: Experiment
metadata:
  name: compare
spec:
  duration: ${duration}
  templates:
  - name: canary
    selector: {matchLabels: {app: checkout}}
    template:
      metadata: {labels: {app: checkout}}
      spec:
        containers:
        - name: app
          image: checkout:v2
  analyses:
  - name: compare
    templateName: ${name}
`;

runRuleTests(unreachableFailureLimit, {
  valid: [
    template('ok'),
    { name: 'failureLimit 0 is always reachable', code: template('t', metric('    failureLimit: 0\n')) },
    {
      name: 'a measurement left to spare',
      code: template('t', metric('    interval: 1m\n    count: 3\n    failureLimit: 2\n')),
    },
    {
      name: 'an interval without count measures until the run ends',
      code: template('t', metric('    interval: 1m\n    failureLimit: 3\n')),
    },
    {
      name: 'failureLimit -1 (disabled) with consecutiveSuccessLimit',
      code: template(
        't',
        metric('    interval: 1m\n    count: 3\n    failureLimit: -1\n    consecutiveSuccessLimit: 3\n'),
      ),
    },
    {
      name: 'consecutiveSuccessLimit changes the contract',
      code: template(
        't',
        metric('    interval: 1m\n    count: 4\n    failureLimit: 4\n    consecutiveSuccessLimit: 2\n'),
      ),
    },
    {
      name: 'count from an arg is known only to the run',
      code: template('t', metric('    interval: 1m\n    count: "{{args.count}}"\n    failureLimit: 3\n')),
    },
    {
      name: 'an experiment long enough for the limit',
      code: files(experiment('10m'), template('success-rate', metric('    interval: 1m\n    failureLimit: 3\n'))),
    },
    {
      name: 'an experiment with no duration runs until its analyses end',
      code: files(
        experiment('10m').replace('  duration: 10m\n', ''),
        template('success-rate', metric('    interval: 5m\n    failureLimit: 3\n')),
      ),
    },
  ],
  invalid: [
    {
      // Pattern of argoproj/argo-rollouts examples/analysis-templates.yaml (template "pass"): count 1, failureLimit 1.
      name: 'count equal to failureLimit: the fix leaves one failure to fail on',
      code: template('t', metric('    interval: 5s\n    count: 1\n    failureLimit: 1\n')),
      errors: [{ text: '1', after: 'failureLimit: ', messageId: 'countLimit' }],
      output: template('t', metric('    interval: 5s\n    count: 1\n    failureLimit: 0\n')),
    },
    {
      name: 'count below failureLimit: Argo rejects it, no automatic fix',
      code: template('t', metric('    interval: 1m\n    count: 3\n    failureLimit: 5\n')),
      errors: [{ text: '5', after: 'failureLimit: ', messageId: 'belowLimit' }],
      output: null,
    },
    {
      name: 'no count and no interval: one measurement',
      code: template('t', metric('    failureLimit: 2\n')),
      errors: [{ text: '2', after: 'failureLimit: ', messageId: 'singleMeasurement' }],
      output: template('t', metric('    failureLimit: 0\n')),
    },
    {
      name: 'count written as a string is still a count',
      code: template('t', metric('    interval: 1m\n    count: "2"\n    failureLimit: "2"\n')),
      errors: [{ text: '"2"', after: 'failureLimit: ', messageId: 'countLimit' }],
    },
    {
      // Pattern of argoproj/argo-rollouts examples/experiment-with-analysis.yaml with a duration.
      name: 'an experiment too short for the limit, reported on its templateName',
      code: files(experiment('5m'), template('success-rate', metric('    interval: 1m\n    failureLimit: 6\n'))),
      errors: [
        {
          text: 'success-rate',
          after: 'templateName: ',
          messageId: 'experimentDuration',
          message:
            /runs 5m; metric "success-rate" of "success-rate" measures every 1m, so at most 6 measurement\(s\) fit and "failureLimit: 6"/,
        },
      ],
    },
    {
      name: 'a Rollout experiment step too short for the limit',
      code: files(
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  strategy:\n    canary:\n      steps:\n      - experiment:\n          duration: 2m\n          templates:\n          - name: canary\n            specRef: canary\n          analyses:\n          - name: a\n            templateName: success-rate\n',
        template('success-rate', metric('    interval: 1m\n    initialDelay: 30s\n    failureLimit: 2\n')),
      ),
      errors: [{ text: 'success-rate', after: 'templateName: ', messageId: 'experimentDuration' }],
    },
  ],
});
