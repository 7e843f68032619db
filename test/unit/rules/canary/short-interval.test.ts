import { runRuleTests } from '../ruleTester';
import { shortInterval } from '../../../../src/core/lint/rules/canary/short-interval';
import { GOOD, flagger, native } from './fixtures';

runRuleTests(shortInterval, {
  valid: [
    ...GOOD,
    { name: 'exactly a minute', code: native('5m', '60s') },
    { name: 'an unreadable interval is missing-interval\'s', code: native('5m', '5') },
  ],
  invalid: [
    {
      name: 'native: 30s',
      code: native('5m', '30s'),
      errors: [{ text: '30s', message: 'An interval of 30s judges each step on too little data: a few lucky requests can promote a bad version. Use 1m or more.' }],
      output: null,
    },
    {
      name: 'flagger: 15s',
      code: flagger('    interval: 1m\n    threshold', '    interval: 15s\n    threshold'),
      errors: [{ text: '15s', message: /An interval of 15s/ }],
    },
  ],
});
