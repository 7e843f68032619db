import { runRuleTests } from '../ruleTester';
import { singleLocation } from '../../../../src/core/lint/rules/synthetic/single-location';

runRuleTests(singleLocation, {
  valid: [
    'synthetic:\n  locations: [us-east, eu-west]\n  journeys:\n    - name: a\n',
    'synthetic:\n  journeys:\n    - name: a\n      locations: [us-east, eu-west]\n',
    { name: 'no journeys, nothing runs', code: 'synthetic:\n  locations: [us-east]\n  journeys: []\n' },
  ],
  invalid: [
    {
      name: 'no locations anywhere points at synthetic, once',
      code: 'synthetic:\n  journeys:\n    - name: a\n    - name: b\n',
      errors: [{ text: 'synthetic', messageId: 'noLocations' }],
      output: null,
    },
    {
      name: 'one default location and a journey with a duplicate',
      code: 'synthetic:\n  locations: [us-east]\n  journeys:\n    - name: a\n    - name: b\n      locations: [eu-west, eu-west]\n',
      errors: [
        { text: '[us-east]', messageId: 'oneLocation', data: { named: ' (us-east)' } },
        { text: '[eu-west, eu-west]', messageId: 'oneLocation', data: { named: ' (eu-west)' } },
      ],
    },
    {
      name: 'a location that does not look like one is not echoed',
      code: 'synthetic:\n  locations: ["<script>alert(1)</script>"]\n  journeys:\n    - name: a\n',
      errors: [{ text: '["<script>alert(1)</script>"]', messageId: 'oneLocation', data: { named: '' } }],
    },
  ],
});
