import { runRuleTests } from '../ruleTester';
import { missingTemplateArg } from '../../../../src/core/lint/rules/canary/missing-template-arg';
import { BACKGROUND, files, rollout, template } from './templateFixtures';

// Pattern of argoproj/argo-rollouts examples/analysis-templates.yaml and
// rollout-analysis-step.yaml: args.service-name declared without a value, supplied by the Rollout.
const ARGS = '  args:\n  - name: service-name\n  - name: prometheus-port\n    value: "9090"\n';
const SUPPLIED = '        args:\n        - name: service-name\n          value: checkout.default.svc.cluster.local\n';

runRuleTests(missingTemplateArg, {
  valid: [
    {
      name: 'supplied by the Rollout',
      code: files(rollout(BACKGROUND('success-rate', SUPPLIED)), template('success-rate', undefined, ARGS)),
    },
    {
      name: 'supplied from a field',
      code: files(
        rollout(
          BACKGROUND(
            'success-rate',
            '        args:\n        - name: service-name\n          valueFrom:\n            fieldRef:\n              fieldPath: metadata.name\n',
          ),
        ),
        template('success-rate', undefined, ARGS),
      ),
    },
    { name: 'the template is elsewhere: unresolved-reference speaks', code: rollout(BACKGROUND('success-rate')) },
    {
      name: 'a template arg with a default',
      code: files(
        rollout(BACKGROUND('success-rate')),
        template('success-rate', undefined, '  args:\n  - name: port\n    value: "80"\n'),
      ),
    },
  ],
  invalid: [
    {
      name: 'the Rollout supplies nothing',
      code: files(rollout(BACKGROUND('success-rate')), template('success-rate', undefined, ARGS)),
      errors: [
        {
          text: 'success-rate',
          messageId: 'missing',
          message: /AnalysisTemplate "success-rate" \(in this file\) needs arg "service-name"/,
        },
      ],
    },
    {
      name: 'an arg named without a value supplies nothing',
      code: files(
        rollout(BACKGROUND('success-rate', '        args:\n        - name: service-name\n')),
        template('success-rate', undefined, ARGS),
      ),
      errors: [{ text: 'success-rate', messageId: 'missing' }],
    },
    {
      name: 'an Experiment analysis supplies its own args',
      code: files(
        'apiVersion: argoproj.io/v1alpha1\nkind: Experiment\nmetadata: {name: e}\nspec:\n  duration: 10m\n  templates:\n  - name: c\n    selector: {matchLabels: {app: c}}\n    template:\n      metadata: {labels: {app: c}}\n      spec: {containers: [{name: c, image: c}]}\n  analyses:\n  - name: a\n    templateName: success-rate\n    args:\n    - name: prometheus-port\n      value: "9091"\n',
        template('success-rate', undefined, ARGS),
      ),
      errors: [{ text: 'success-rate', after: 'templateName: ', messageId: 'missing' }],
    },
  ],
});
