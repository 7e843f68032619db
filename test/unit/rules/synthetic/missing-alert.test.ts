import { runRuleTests } from '../ruleTester';
import { missingAlert } from '../../../../src/core/lint/rules/synthetic/missing-alert';

runRuleTests(missingAlert, {
  valid: [
    {
      name: 'inherited alerts',
      code: 'synthetic:\n  alerts:\n    - channel: pagerduty:web\n  journeys:\n    - name: a\n      steps: [{ request: GET / }]\n',
    },
    {
      name: 'own alerts',
      code: 'synthetic:\n  journeys:\n    - name: a\n      alerts: [{ channel: "slack:#x" }]\n      steps: [{ request: GET / }]\n',
    },
    {
      name: 'empty own list falls back to the inherited one',
      code: 'synthetic:\n  alerts: ["email:a@b.c"]\n  journeys:\n    - name: a\n      alerts: []\n      steps: []\n',
    },
    { name: 'not a synthetic document', code: 'journeys:\n  - name: a\n' },
    { name: 'no journeys', code: 'synthetic:\n  base_url: https://x.example.com\n' },
  ],
  invalid: [
    {
      name: 'no alerts anywhere: the fix adds a placeholder channel to the journey, keeping comments',
      code: 'synthetic:\n  journeys:\n    - name: login works # the main one\n      steps:\n        - request: GET /login\n',
      errors: [{ text: 'login works', messageId: 'noChannel', data: { journey: 'login works' } }],
      output:
        'synthetic:\n  journeys:\n    - name: login works # the main one\n      steps:\n        - request: GET /login\n      alerts:\n        - channel: slack:#CHANGE-ME\n',
    },
    {
      name: 'an explicit empty list is replaced',
      code: 'synthetic:\n  journeys:\n    - name: a\n      alerts: []\n      steps: []\n    - name: b\n      steps: []\n',
      errors: [{ text: 'a', occurrence: 1 }, { text: 'b' }],
      output:
        'synthetic:\n  journeys:\n    - name: a\n      alerts: [{channel: slack:#CHANGE-ME}]\n      steps: []\n    - name: b\n      steps: []\n      alerts:\n        - channel: slack:#CHANGE-ME\n',
    },
    {
      name: 'a flow journey',
      code: 'synthetic:\n  alerts: []\n  journeys: [{ name: flow, steps: [] }]\n',
      errors: [{ text: 'flow' }],
      output:
        'synthetic:\n  alerts: []\n  journeys: [{ name: flow, steps: [], alerts: [{channel: slack:#CHANGE-ME}] }]\n',
    },
    {
      name: 'a journey without a name points at the journey',
      code: 'synthetic:\n  journeys:\n    - steps: []\n',
      errors: [{ text: 'steps: []', messageId: 'noChannel', data: { journey: 'journey 1' } }],
      output: 'synthetic:\n  journeys:\n    - steps: []\n      alerts:\n        - channel: slack:#CHANGE-ME\n',
    },
  ],
});
