import { runRuleTests } from '../ruleTester';
import { stepsOrder } from '../../../../src/core/lint/rules/canary/steps-order';
import { GOOD, argo, flagger, native } from './fixtures';

const STEPS = '[1, 5, 25, 50, 100]';

runRuleTests(stepsOrder, {
  valid: [
    ...GOOD,
    { name: 'fractions are fine', code: native(STEPS, '[0.5, 2.5, 100]') },
    { name: 'a block list', code: native(`  steps: ${STEPS}\n`, '  steps:\n    - 1\n    - 10\n    - 100\n') },
    // Pattern of argoproj/argo-rollouts examples/rollout-experiment-step.yaml style ladders: the same
    // weight again before and after an analysis or experiment step.
    {
      name: 'argo: a repeated setWeight is allowed',
      code: argo(
        '      - setWeight: 25\n',
        '      - setWeight: 5\n      - analysis:\n          templates:\n          - templateName: success-rate\n      - setWeight: 25\n',
      ),
    },
    // Pattern of argoproj/argo-rollouts test/e2e/istio/istio-host-split-update-in-middle.yaml.
    {
      name: 'argo: setWeight 0 is allowed',
      code: argo('      - setWeight: 5\n', '      - setWeight: 0\n      - setWeight: 5\n'),
    },
    {
      name: 'flagger stepWeights',
      code: flagger('    maxWeight: 50\n    stepWeight: 5\n', '    stepWeights: [1, 10, 50]\n'),
    },
  ],
  invalid: [
    {
      name: 'native: a repeat and a drop, each reported where it happens',
      code: native(STEPS, '[5, 5, 50, 25, 100]'),
      errors: [
        {
          text: '5',
          after: 'steps: [5, ',
          messageId: 'notIncreasing',
          message:
            'Step 2 (5%) is not above the step before it (5%): steps must grow, so each stage exposes more users only after the last one held. Reorder them or drop the repeat.',
        },
        { text: '25', messageId: 'notIncreasing' },
      ],
      output: null,
    },
    {
      name: 'native: out of range and not numbers',
      code: native(STEPS, '[0, "10%", 50, 150]'),
      errors: [
        { text: '0', after: 'steps: [', messageId: 'outOfRange', message: /Step 1 is 0%, outside 0 < p <= 100/ },
        { text: '"10%"', messageId: 'notNumber' },
        { text: '150', messageId: 'outOfRange' },
      ],
    },
    {
      name: 'argo: setWeight going down',
      code: argo('      - setWeight: 25\n', '      - setWeight: 2\n'),
      errors: [
        {
          text: '2',
          after: 'setWeight: 5\n      - pause: {duration: 10m}\n      - setWeight: ',
          messageId: 'decreasing',
          message: /The setWeight step 2 \(2%\) is below the weight before it \(5%\)/,
        },
      ],
    },
    {
      name: 'flagger: stepWeight 0 and maxWeight 150',
      code: flagger('    maxWeight: 50\n    stepWeight: 5\n', '    maxWeight: 150\n    stepWeight: 0\n'),
      errors: [
        { text: '150', messageId: 'maxWeightRange' },
        { text: '0', after: 'stepWeight: ', messageId: 'stepWeightRange' },
      ],
    },
    {
      name: 'flagger: stepWeight that is not a number',
      code: flagger('    stepWeight: 5\n', '    stepWeight: five\n'),
      errors: [{ text: 'five', messageId: 'stepWeightNotNumber' }],
    },
  ],
});
