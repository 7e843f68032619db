import { runRuleTests } from '../ruleTester';
import { bigFirstStep } from '../../../../src/core/lint/rules/canary/big-first-step';
import { GOOD, argo, flagger, native } from './fixtures';

runRuleTests(bigFirstStep, {
  valid: [
    ...GOOD,
    { name: 'exactly at the limit', code: native('[1, 5, 25, 50, 100]', '[5, 100]') },
    { name: 'a raised limit (releaseSafety.maxFirstStep)', code: native('[1, 5, 25, 50, 100]', '[20, 100]'), settings: { maxFirstStep: 20 } },
    { name: 'straight to 100 is another rule', code: native('[1, 5, 25, 50, 100]', '[100]') },
    { name: 'a non-number is another rule', code: native('[1, 5, 25, 50, 100]', '["ten", 100]') },
  ],
  invalid: [
    {
      name: 'native: first step 25',
      code: native('[1, 5, 25, 50, 100]', '[25, 50, 100]'),
      errors: [{ text: '25', message: 'The first step sends 25% of traffic to the new version: a bad release hurts 25% of users before a gate can stop it. Start at 5% or less (setting releaseSafety.maxFirstStep).' }],
      output: null,
    },
    {
      name: 'native: the setting lowers the limit',
      code: native('[1, 5, 25, 50, 100]', '[2, 50, 100]'),
      settings: { maxFirstStep: 1 },
      errors: [{ text: '2', after: 'steps: [', message: /Start at 1% or less/ }],
    },
    {
      name: 'argo: first setWeight 20',
      code: argo('      - setWeight: 5\n', '      - setWeight: 20\n'),
      errors: [{ text: '20', message: /The first step sends 20%/ }],
    },
    {
      name: 'flagger: stepWeight 10',
      code: flagger('    stepWeight: 5\n', '    stepWeight: 10\n'),
      errors: [{ text: '10', message: /"stepWeight: 10" sends 10% of traffic/ }],
    },
  ],
});
