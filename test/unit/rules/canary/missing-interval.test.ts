import { runRuleTests } from '../ruleTester';
import { missingInterval } from '../../../../src/core/lint/rules/canary/missing-interval';
import { GOOD, GOOD_FLAGGER, native } from './fixtures';

runRuleTests(missingInterval, {
  valid: [
    ...GOOD,
    { name: 'hours and minutes', code: native('5m', '1h30m') },
    {
      name: 'flagger without interval is not this rule',
      code: GOOD_FLAGGER.replace('    interval: 1m\n    threshold', '    threshold'),
    },
  ],
  invalid: [
    {
      name: 'missing: the fix adds interval: 5m',
      code: native('  interval: 5m\n', ''),
      errors: [{ text: 'canary', messageId: 'missing', data: { example: '5m' } }],
      output: native('  interval: 5m\n', '').replace(
        '      on: [breach, rollback]\n',
        '      on: [breach, rollback]\n  interval: 5m\n',
      ),
    },
    {
      name: 'missing in a flow map',
      code: 'canary: { steps: [1, 100] }\n',
      errors: [{ offset: 0, length: 6, messageId: 'missing' }],
      output: 'canary: { steps: [1, 100], interval: 5m }\n',
    },
    {
      name: 'a number without a unit cannot be read, and is not guessed',
      code: native('5m', '5'),
      errors: [
        {
          text: '5',
          after: 'interval: ',
          messageId: 'unreadable',
          data: { problem: '"5" has no unit: write 5s, 5m or 5h' },
        },
      ],
      output: null,
    },
    {
      name: 'nonsense',
      code: native('5m', 'soon'),
      errors: [{ text: 'soon', messageId: 'unreadable', message: /"soon" is not a duration/ }],
    },
  ],
});
