import { runRuleTests } from '../ruleTester';
import { slowFrequency } from '../../../../src/core/lint/rules/synthetic/slow-frequency';

runRuleTests(slowFrequency, {
  valid: [
    'synthetic:\n  frequency: 5m\n  journeys:\n    - name: a\n      frequency: 30s\n',
    'synthetic:\n  journeys: []\n',
    {
      name: "an unparseable frequency is the schema rules' business",
      code: 'synthetic:\n  frequency: often\n  journeys: []\n',
    },
  ],
  invalid: [
    {
      name: 'defaults and a journey override',
      code: 'synthetic:\n  frequency: 10m\n  journeys:\n    - name: a\n    - name: b\n      frequency: 1h\n',
      errors: [
        { text: '10m', messageId: 'tooRare', data: { every: '10m' } },
        { text: '1h', messageId: 'tooRare', data: { every: '1h' } },
      ],
      output: null,
    },
    {
      name: 'just above the limit',
      code: 'synthetic:\n  frequency: 5m1s\n  journeys: []\n',
      errors: [{ text: '5m1s' }],
    },
  ],
});
