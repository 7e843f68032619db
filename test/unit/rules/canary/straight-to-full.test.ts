import { runRuleTests } from '../ruleTester';
import { straightToFull } from '../../../../src/core/lint/rules/canary/straight-to-full';
import { GOOD, argo, flagger, native } from './fixtures';

runRuleTests(straightToFull, {
  valid: [
    ...GOOD,
    { name: 'native: 100 only at the end', code: native('[1, 5, 25, 50, 100]', '[50, 100]') },
    {
      name: 'flagger: stepWeight reaches a maxWeight below 100',
      code: flagger('    maxWeight: 50\n    stepWeight: 5\n', '    maxWeight: 50\n    stepWeight: 50\n'),
    },
    { name: 'no steps at all', code: native('  steps: [1, 5, 25, 50, 100]\n', '') },
  ],
  invalid: [
    {
      name: 'native: first step 100',
      code: native('[1, 5, 25, 50, 100]', '[100]'),
      errors: [
        { text: '100', message: /The first step sends 100% of traffic to the new version before any check runs/ },
      ],
      output: null,
    },
    {
      name: 'argo: first setWeight 100',
      code: argo('      - setWeight: 5\n', '      - setWeight: 100\n'),
      errors: [{ text: '100', message: /The first "setWeight: 100"/ }],
    },
    {
      name: 'flagger: stepWeight equal to maxWeight 100',
      code: flagger('    maxWeight: 50\n    stepWeight: 5\n', '    maxWeight: 100\n    stepWeight: 100\n'),
      errors: [
        { text: '100', after: 'stepWeight: ', message: /"stepWeight: 100" reaches "maxWeight: 100" in one step/ },
      ],
    },
    {
      name: 'flagger: stepWeight above maxWeight (default 100)',
      code: flagger('    maxWeight: 50\n    stepWeight: 5\n', '    stepWeight: 100\n'),
      errors: [{ line: 13, column: 17, endLine: 13, endColumn: 20 }],
    },
    {
      name: 'flagger: a stepWeights list starting at 100',
      code: flagger('    maxWeight: 50\n    stepWeight: 5\n', '    stepWeights: [100]\n'),
      errors: [{ text: '100' }],
    },
  ],
});
