import { runRuleTests } from '../ruleTester';
import { missingInterval } from '../../../../src/core/lint/rules/canary/missing-interval';
import { GOOD, GOOD_FLAGGER, native } from './fixtures';

runRuleTests(missingInterval, {
  valid: [
    ...GOOD,
    { name: 'hours and minutes', code: native('5m', '1h30m') },
    { name: 'flagger without interval is not this rule', code: GOOD_FLAGGER.replace('    interval: 1m\n    threshold', '    threshold') },
  ],
  invalid: [
    {
      name: 'missing: the fix adds interval: 5m',
      code: native('  interval: 5m\n', ''),
      errors: [{ text: 'canary', message: 'This canary has no "interval", so nobody knows how long each step is watched before more users get it. Add one, e.g. "interval: 5m".' }],
      output: native('  interval: 5m\n', '').replace('      on: [breach, rollback]\n', '      on: [breach, rollback]\n  interval: 5m\n'),
    },
    {
      name: 'missing in a flow map',
      code: 'canary: { steps: [1, 100] }\n',
      errors: [{ offset: 0, length: 6 }],
      output: 'canary: { steps: [1, 100], interval: 5m }\n',
    },
    {
      name: 'a number without a unit cannot be read, and is not guessed',
      code: native('5m', '5'),
      errors: [{ text: '5', after: 'interval: ', message: '"interval" cannot be read: "5" has no unit: write 5s, 5m or 5h.' }],
      output: null,
    },
    {
      name: 'nonsense',
      code: native('5m', 'soon'),
      errors: [{ text: 'soon', message: /"interval" cannot be read: "soon" is not a duration/ }],
    },
  ],
});
