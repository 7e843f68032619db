import { runRuleTests } from '../ruleTester';
import { stepsIncomplete } from '../../../../src/core/lint/rules/canary/steps-incomplete';
import { GOOD, GOOD_ARGO, native } from './fixtures';

runRuleTests(stepsIncomplete, {
  valid: [
    ...GOOD,
    {
      name: 'argo promotes after its last step: not this rule',
      code: GOOD_ARGO.replace('      - setWeight: 100\n', ''),
    },
    { name: 'no steps', code: native('  steps: [1, 5, 25, 50, 100]\n', '') },
    { name: "an out-of-range last step is steps-order's", code: native('[1, 5, 25, 50, 100]', '[1, 5, 0]') },
  ],
  invalid: [
    {
      name: 'native: stops at 50',
      code: native('[1, 5, 25, 50, 100]', '[1, 5, 25, 50]'),
      errors: [{ text: '50', messageId: 'stopsShort', data: { weight: 50 } }],
      output: null,
      suggestions: [
        [{ title: 'End the steps with 100', output: native('[1, 5, 25, 50, 100]', '[1, 5, 25, 50, 100]') }],
      ],
    },
    {
      name: 'native: a block list',
      code: 'canary:\n  steps:\n    - 1\n    - 10 # then stop\n',
      errors: [{ line: 4, column: 7, endLine: 4, endColumn: 9, messageId: 'stopsShort', data: { weight: 10 } }],
      suggestions: [[{ title: /100/, output: 'canary:\n  steps:\n    - 1\n    - 10 # then stop\n    - 100\n' }]],
    },
    {
      name: 'native: an aliased list gets no suggestion',
      code: 'ramp: &r [1, 10]\ncanary:\n  steps: *r\n',
      errors: [{ text: '10' }],
      suggestions: [[]],
    },
  ],
});
