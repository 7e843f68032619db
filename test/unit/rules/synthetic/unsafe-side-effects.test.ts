import { runRuleTests } from '../ruleTester';
import { unsafeSideEffects } from '../../../../src/core/lint/rules/synthetic/unsafe-side-effects';

const step = (lines: string) => `synthetic:\n  journeys:\n    - name: j\n      steps:\n${lines}`;

runRuleTests(unsafeSideEffects, {
  valid: [
    step('        - request: GET /a\n        - request: HEAD /b\n        - request: options /c\n'),
    step('        - request: POST /api/cart\n          side_effects: sandbox\n'),
    step('        - { request: DELETE /api/cart/1, side_effects: sandbox }\n'),
    { name: 'browser steps are not requests', code: step('        - goto: /\n') },
  ],
  invalid: [
    {
      name: 'a POST without side_effects: a suggestion, never a fix',
      code: step('        - request: POST /api/cart # adds to the cart\n          expect: { status: 201 }\n'),
      errors: [{ text: 'POST /api/cart', message: /^POST changes data, and this journey runs against production again and again\./ }],
      output: null,
      suggestions: [[{
        title: /side_effects: sandbox/,
        output: step('        - request: POST /api/cart # adds to the cart\n          expect: { status: 201 }\n          side_effects: sandbox\n'),
      }]],
    },
    {
      name: 'a flow step',
      code: step('        - { request: PUT /api/profile }\n'),
      errors: [{ text: 'PUT /api/profile' }],
      output: null,
      suggestions: [[{ output: step('        - { request: PUT /api/profile, side_effects: sandbox }\n') }]],
    },
    {
      name: 'a side_effects value that is not sandbox',
      code: step('        - request: DELETE /api/user/1\n          side_effects: none\n'),
      errors: [{ text: 'none', message: /`side_effects: none` is not a value/ }],
      suggestions: [[{ output: step('        - request: DELETE /api/user/1\n          side_effects: sandbox\n') }]],
    },
  ],
});
