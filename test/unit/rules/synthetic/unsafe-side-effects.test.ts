import { runRuleTests } from '../ruleTester';
import { unsafeSideEffects } from '../../../../src/core/lint/rules/synthetic/unsafe-side-effects';

const step = (lines: string) => `synthetic:\n  journeys:\n    - name: j\n      steps:\n${lines}`;

runRuleTests(unsafeSideEffects, {
  valid: [
    step('        - request: GET /a\n        - request: HEAD /b\n        - request: options /c\n'),
    step('        - request: POST /api/cart\n          side_effects: sandbox\n'),
    step('        - request: POST /api/search\n          side_effects: harmless\n'),
    step('        - { request: DELETE /api/cart/1, side_effects: sandbox }\n'),
    { name: 'browser steps are not requests', code: step('        - goto: /\n') },
    {
      name: 'a click may declare harmless',
      code: step('        - goto: /login\n        - click: "#submit"\n          side_effects: harmless\n'),
    },
    {
      name: 'an override naming a read is a read',
      code: step('        - request: GET /a\n          headers: { X-HTTP-Method-Override: HEAD }\n'),
    },
    {
      name: 'an override from a variable is left to the runner',
      code: step('        - request: GET /a\n          headers: { X-HTTP-Method-Override: "${env:VERB}" }\n'),
    },
    {
      name: 'a declared override',
      code: step('        - request: GET /orders/1?_method=DELETE\n          side_effects: sandbox\n'),
    },
    {
      name: '_method in a query value of another name',
      code: step('        - request: GET /search?q=_method%3DDELETE\n'),
    },
  ],
  invalid: [
    {
      name: 'a POST without side_effects: suggestions, never a fix',
      code: step('        - request: POST /api/cart # adds to the cart\n          expect: { status: 201 }\n'),
      errors: [{ text: 'POST /api/cart', messageId: 'write' }],
      output: null,
      suggestions: [
        [
          {
            title: /side_effects: sandbox/,
            output: step(
              '        - request: POST /api/cart # adds to the cart\n          expect: { status: 201 }\n          side_effects: sandbox\n',
            ),
          },
          {
            title: /side_effects: harmless/,
            output: step(
              '        - request: POST /api/cart # adds to the cart\n          expect: { status: 201 }\n          side_effects: harmless\n',
            ),
          },
        ],
      ],
    },
    {
      name: 'a flow step',
      code: step('        - { request: PUT /api/profile }\n'),
      errors: [{ text: 'PUT /api/profile', messageId: 'write' }],
      output: null,
      suggestions: [
        [
          { output: step('        - { request: PUT /api/profile, side_effects: sandbox }\n') },
          { output: step('        - { request: PUT /api/profile, side_effects: harmless }\n') },
        ],
      ],
    },
    {
      name: 'a side_effects value that is neither sandbox nor harmless',
      code: step('        - request: DELETE /api/user/1\n          side_effects: none\n'),
      errors: [{ text: 'none', messageId: 'unknownValue' }],
      suggestions: [
        [
          { output: step('        - request: DELETE /api/user/1\n          side_effects: sandbox\n') },
          { output: step('        - request: DELETE /api/user/1\n          side_effects: harmless\n') },
        ],
      ],
    },
    {
      name: 'a wrong value on a browser step',
      code: step('        - click: "#buy"\n          side_effects: yes\n'),
      errors: [{ text: 'yes', messageId: 'unknownValue' }],
    },
    {
      name: 'X-HTTP-Method-Override: DELETE on a GET is a DELETE',
      code: step('        - request: GET /api/orders/42\n          headers: { X-HTTP-Method-Override: DELETE }\n'),
      errors: [{ text: 'DELETE', messageId: 'override' }],
      output: null,
    },
    {
      name: 'the other override headers, any case',
      code: step(
        '        - request: GET /a\n          headers: { x-http-method: patch }\n        - request: GET /b\n          headers: { X-Method-Override: PUT }\n',
      ),
      errors: [
        { text: 'patch', messageId: 'override' },
        { text: 'PUT', messageId: 'override' },
      ],
    },
    {
      name: '_method in the query',
      code: step('        - request: GET /api/orders/42?_method=DELETE\n'),
      errors: [{ text: 'GET /api/orders/42?_method=DELETE', messageId: 'override' }],
    },
    {
      name: '_method in a form body',
      code: step(
        '        - request: GET /api/orders/42\n          headers: { content-type: application/x-www-form-urlencoded }\n          body: "_method=delete&id=42"\n',
      ),
      errors: [{ text: '"_method=delete&id=42"', messageId: 'override' }],
    },
    {
      name: '_method in a map body (sent as JSON; Laravel reads it)',
      code: step('        - request: GET /api/orders/42\n          body: { _method: DELETE }\n'),
      errors: [{ text: '{ _method: DELETE }', messageId: 'override' }],
    },
  ],
});
