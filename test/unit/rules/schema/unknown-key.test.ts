import { runRuleTests } from '../ruleTester';
import { unknownKey } from '../../../../src/core/lint/rules/schema/unknown-key';

runRuleTests(unknownKey, {
  valid: [
    'canary:\n  service: checkout\n  steps: [1, 5, 100]\n  interval: 5m\n  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n  on_failure: rollback\n  failure_limit: 1\n  min_requests: 100\n  alerts:\n    - channel: slack:#deploys\n      on: [breach, rollback]\n  source:\n    prometheus: { url: http://prom:9090, canary: \'{track="canary"}\', baseline: \'{track="stable"}\' }\n',
    'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: GET /\n          headers: { X-Anything-Goes: yes }\n          body: { any: { nested: key } }\n          capture: { id: "$.id" }\n',
    { name: 'other documents are not checked', code: 'apiVersion: v1\nkind: ConfigMap\nintervall: 5m\n' },
    { name: 'a YAML merge key is not a typo', code: 'canary:\n  <<: {}\n  steps: [1, 100]\n' },
  ],
  invalid: [
    {
      name: 'a typo, with the closest key',
      code: 'canary:\n  steps: [1, 100]\n  intervall: 5m\n',
      errors: [
        {
          text: 'intervall',
          messageId: 'unknownGuess',
          message: '`intervall` is not a key of canary; did you mean `interval`?',
        },
      ],
      output: null,
      suggestions: [[{ title: 'Change to `interval`', output: 'canary:\n  steps: [1, 100]\n  interval: 5m\n' }]],
    },
    {
      name: 'a key that lost its indentation',
      code: 'canary:\n  steps: [1, 100]\ninterval: 5m\n',
      errors: [
        {
          text: 'interval',
          messageId: 'outsideRoot',
          message:
            '`interval` sits at the top level, outside `canary:`, so it does not apply; indent it under `canary:`.',
        },
      ],
    },
    {
      name: 'nested keys of metrics, steps and expect',
      code: 'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: GET /\n          expect: { stauts: 200 }\n        - clik: "#go"\n',
      errors: [
        {
          text: 'stauts',
          messageId: 'unknownGuess',
          message: '`stauts` is not a key of `expect`; did you mean `status`?',
        },
        { text: 'clik', messageId: 'unknownGuess', message: '`clik` is not a key of a step; did you mean `click`?' },
      ],
    },
    {
      name: 'a canary and synthetic journeys in one document',
      code: 'canary:\n  steps: [1, 100]\nsynthetic:\n  journeys: []\n',
      errors: [
        {
          text: 'synthetic',
          messageId: 'rootInOwnDocument',
          message:
            '`synthetic:` needs a document of its own: this one is read as a canary, so `synthetic:` is ignored. Separate them with a `---` line.',
        },
      ],
    },
    {
      name: 'a key that is already there is not guessed',
      code: 'canary:\n  metrics:\n    - name: error-rate\n      nam: x\n',
      errors: [
        {
          text: 'nam',
          occurrence: 1,
          messageId: 'unknownList',
          message: /^`nam` is not a key of a canary metric; use one of/,
        },
      ],
      suggestions: [[]],
    },
    {
      name: 'no close key: the valid ones are listed',
      code: 'canary:\n  metrics:\n    - name: error-rate\n      colour: red\n',
      errors: [
        {
          text: 'colour',
          messageId: 'unknownList',
          message: '`colour` is not a key of a canary metric; use one of: `name`, `threshold`, `query`, `unit`.',
        },
      ],
    },
  ],
});
