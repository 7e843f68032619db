import { runRuleTests } from '../ruleTester';
import { noSampleGuard } from '../../../../src/core/lint/rules/canary/no-sample-guard';
import { GOOD, native } from './fixtures';

runRuleTests(noSampleGuard, {
  valid: [...GOOD, { name: 'any positive count', code: native('min_requests: 100', 'min_requests: 20') }],
  invalid: [
    {
      name: 'missing: the fix adds min_requests: 100',
      code: native('  min_requests: 100\n', ''),
      errors: [{ text: 'canary', messageId: 'missing', data: { example: 100 } }],
      output: native('  min_requests: 100\n', '').replace(
        '      on: [breach, rollback]\n',
        '      on: [breach, rollback]\n  min_requests: 100\n',
      ),
    },
    {
      name: 'zero guards nothing: replaced in place',
      code: native('min_requests: 100', 'min_requests: 0  # off'),
      errors: [{ text: '0', after: 'min_requests: ', messageId: 'guardsNothing', data: { value: 0, example: 100 } }],
      output: native('min_requests: 100', 'min_requests: 100 # off'),
    },
    {
      name: 'not a number: no fix',
      code: native('min_requests: 100', 'min_requests: many'),
      errors: [{ text: 'many', messageId: 'notANumber', data: { example: 100 } }],
      output: null,
    },
  ],
});
