import { runRuleTests } from '../ruleTester';
import { wrongType } from '../../../../src/core/lint/rules/schema/wrong-type';

runRuleTests(wrongType, {
  valid: [
    {
      name: "thresholds and intervals are the canary rules' business",
      code: 'canary:\n  interval: [5m]\n  metrics:\n    - name: error-rate\n      threshold: { max: 1 }\n',
    },
    { name: 'an empty canary is for the "missing" rules', code: 'canary:\n' },
    'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - click: "#a"\n        - click: { selector: "#b", timeout: 2s }\n        - screenshot:\n        - request: GET /\n          expect: { status: [200, "2xx"] }\n',
  ],
  invalid: [
    {
      name: 'a number where a list belongs',
      code: 'canary:\n  steps: 5\n',
      errors: [{ text: '5', messageId: 'wrongType', message: '`steps` should be a list, not a whole number.' }],
      output: null,
    },
    {
      name: 'alternatives are reported once',
      code: 'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - click: 5\n',
      errors: [{ text: '5', messageId: 'wrongType', message: '`click` should be text or a map, not a whole number.' }],
    },
    {
      name: 'list items, block collections point at their first line',
      code: 'synthetic:\n  alerts:\n    - 5\n  journeys:\n    - name: a\n      steps:\n        - request: GET /\n          headers:\n            - a\n',
      errors: [
        { text: '5', messageId: 'wrongType', message: 'Alert 1 should be text or a map, not a whole number.' },
        { text: 'a', occurrence: 4, messageId: 'wrongType', message: '`headers` should be a map, not a list.' },
      ],
    },
    {
      name: 'min_requests as text',
      code: 'canary:\n  min_requests: lots\n',
      errors: [{ text: 'lots', messageId: 'wrongType', message: '`min_requests` should be a whole number, not text.' }],
    },
  ],
});
