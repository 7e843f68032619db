import { runRuleTests } from '../ruleTester';
import { bigFirstStep } from '../../../../src/core/lint/rules/canary/big-first-step';
import { GOOD, argo, flagger, native } from './fixtures';

runRuleTests(bigFirstStep, {
  valid: [
    ...GOOD,
    { name: 'exactly at the limit', code: native('[1, 5, 25, 50, 100]', '[5, 100]') },
    {
      name: 'a raised limit (releaseSafety.maxFirstStep)',
      code: native('[1, 5, 25, 50, 100]', '[20, 100]'),
      settings: { maxFirstStep: 20 },
    },
    { name: 'straight to 100 is another rule', code: native('[1, 5, 25, 50, 100]', '[100]') },
    {
      name: 'argo without trafficRouting: 5% of 20 replicas is one pod in twenty',
      code: argo('spec:\n', 'spec:\n  replicas: 20\n'),
    },
    {
      name: 'argo with trafficRouting: the weight is the traffic share',
      code: argo('spec:\n', 'spec:\n  replicas: 2\n').replace(
        '    canary:\n',
        '    canary:\n      trafficRouting:\n        istio: {virtualService: {name: vs}}\n',
      ),
    },
    {
      name: 'argo without trafficRouting, a big weight on many pods is judged by its share',
      code: argo('      - setWeight: 5\n', '      - setWeight: 10\n').replace('spec:\n', 'spec:\n  replicas: 10\n'),
      settings: { maxFirstStep: 10 },
    },
    { name: 'a non-number is another rule', code: native('[1, 5, 25, 50, 100]', '["ten", 100]') },
  ],
  invalid: [
    {
      name: 'native: first step 25',
      code: native('[1, 5, 25, 50, 100]', '[25, 50, 100]'),
      errors: [
        {
          text: '25',
          messageId: 'firstStep',
          message:
            'The first step sends 25% of traffic to the new version: a bad release hurts 25% of users before a gate can stop it. Start at 5% or less (setting releaseSafety.maxFirstStep).',
        },
      ],
      output: null,
    },
    {
      name: 'native: the setting lowers the limit',
      code: native('[1, 5, 25, 50, 100]', '[2, 50, 100]'),
      settings: { maxFirstStep: 1 },
      errors: [{ text: '2', after: 'steps: [', messageId: 'firstStep', message: /Start at 1% or less/ }],
    },
    {
      name: 'argo: first setWeight 20',
      code: argo('      - setWeight: 5\n', '      - setWeight: 20\n'),
      errors: [{ text: '20', messageId: 'firstStep' }],
    },
    {
      name: 'argo: a setWeight 0 first step is skipped; the first that sends traffic counts',
      code: argo('      - setWeight: 5\n', '      - setWeight: 0\n      - setWeight: 20\n'),
      errors: [{ text: '20', messageId: 'firstStep' }],
    },
    {
      name: 'flagger: stepWeight 10',
      code: flagger('    stepWeight: 5\n', '    stepWeight: 10\n'),
      errors: [{ text: '10', messageId: 'stepWeight' }],
    },
    {
      // Pattern of argoproj/argo-rollouts examples/rollout-canary.yaml: no trafficRouting, so
      // setWeight is met with pods; 5% of 3 replicas is one pod of four (one surge pod).
      name: 'argo without trafficRouting: the pod share, not the weight',
      code: argo('spec:\n', 'spec:\n  replicas: 3\n'),
      errors: [
        {
          text: '5',
          after: 'setWeight: ',
          messageId: 'podShare',
          message: /"setWeight: 5" without trafficRouting runs 1 canary pod\(s\) of 4, so about 25% of traffic/,
        },
      ],
    },
    {
      name: 'argo without trafficRouting and maxSurge 0: one pod of two is half the traffic',
      code: argo('spec:\n', 'spec:\n  replicas: 2\n').replace('    canary:\n', '    canary:\n      maxSurge: 0\n'),
      errors: [
        { text: '5', after: 'setWeight: ', messageId: 'podShare', message: /1 canary pod\(s\) of 2, so about 50%/ },
      ],
    },
  ],
});
