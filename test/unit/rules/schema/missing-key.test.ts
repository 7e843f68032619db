import { runRuleTests } from '../ruleTester';
import { missingKey } from '../../../../src/core/lint/rules/schema/missing-key';

runRuleTests(missingKey, {
  valid: [
    'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - fill: { selector: "#e", value: x }\n',
    {
      name: 'a typo of the missing key is reported as an unknown key only',
      code: 'canary:\n  metrics:\n    - nme: error-rate\n',
    },
  ],
  invalid: [
    {
      name: 'a journey without name, a fill without value',
      code: 'synthetic:\n  journeys:\n    - steps:\n        - fill: { selector: "#p" }\n',
      errors: [
        { text: 'steps', messageId: 'missing', message: 'Journey 1 needs `name` (what it checks, in words).' },
        { text: 'fill', messageId: 'missing', message: '`fill` needs `value`.' },
      ],
      output: null,
    },
    {
      name: 'a step without an action',
      code: 'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - name: only a name\n',
      errors: [
        {
          text: 'name',
          occurrence: 1,
          messageId: 'noAction',
          message: /^Step 1 has no action: add one of `request`, `goto`, `click`/,
        },
      ],
    },
    {
      name: 'an alert without a channel, a scrape source without its baseline',
      code: 'canary:\n  alerts:\n    - on: [breach]\n  source:\n    scrape:\n      canary: http://c/metrics\n',
      errors: [
        { text: 'on', messageId: 'missing', message: 'Alert 1 needs `channel` (e.g. `slack:#deploys`).' },
        { text: 'scrape', messageId: 'missing', message: '`scrape` needs `baseline`.' },
      ],
    },
  ],
});
