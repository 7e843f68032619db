import { runRuleTests } from '../ruleTester';
import { noAssertions } from '../../../../src/core/lint/rules/synthetic/no-assertions';

const journey = (steps: string) => `synthetic:\n  journeys:\n    - name: home page\n      steps:\n${steps}`;

runRuleTests(noAssertions, {
  valid: [
    { name: 'a request with expect', code: journey('        - request: GET /\n          expect: { status: 200 }\n') },
    {
      name: 'a request with only a latency expectation',
      code: journey('        - request: GET /\n          expect: { latency: "< 1s" }\n'),
    },
    { name: 'a browser expect step', code: journey('        - goto: /\n        - expect_url: /home\n') },
    { name: 'expect_load_time counts', code: journey('        - goto: /\n        - expect_load_time: "< 3s"\n') },
    { name: "unreadable steps are the schema rules' business", code: journey('        - 42\n') },
    'kind: Service\n',
  ],
  invalid: [
    {
      name: 'a request without expect',
      code: journey('        - request: GET /\n'),
      errors: [{ text: 'home page', messageId: 'checksNothing', data: { journey: 'home page' } }],
      output: null,
    },
    {
      name: 'an empty expect asserts nothing',
      code: journey('        - request: GET /\n          expect: {}\n'),
      errors: [{ text: 'home page' }],
    },
    {
      name: 'browser steps that only act',
      code: journey('        - goto: /\n        - click: "#go"\n        - screenshot: after\n'),
      errors: [{ text: 'home page' }],
    },
    {
      name: 'no steps at all, two journeys',
      code: 'synthetic:\n  journeys:\n    - name: first\n      steps: []\n    - name: second\n',
      errors: [{ text: 'first' }, { text: 'second' }],
    },
  ],
});
