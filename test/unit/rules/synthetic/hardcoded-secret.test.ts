import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleTests, lintWithRule } from '../ruleTester';
import { hardcodedSecret } from '../../../../src/core/lint/rules/synthetic/hardcoded-secret';

const req = (lines: string) =>
  `synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /api/login\n${lines}`;

runRuleTests(hardcodedSecret, {
  valid: [
    {
      name: 'secret and env references',
      code: req('          headers: { Authorization: "Bearer ${secret:API_TOKEN}", X-Api-Key: "${env:KEY}" }\n'),
    },
    { name: 'a captured variable', code: req('          headers: { Authorization: "Bearer ${token}" }\n') },
    { name: 'a cookie made of variables', code: req('          headers: { Cookie: "session=${secret:SESSION}" }\n') },
    { name: 'harmless headers', code: req('          headers: { Accept: application/json, X-Request-Id: abc123 }\n') },
    {
      name: 'body fields that are not secrets',
      code: req('          body: { user: alice, remember: true, password_length: 12 }\n'),
    },
    { name: 'body password from a secret', code: req('          body: { user: alice, password: "${secret:PASS}" }\n') },
    { name: 'an empty password is not a secret', code: req('          body: { password: "" }\n') },
    { name: 'capture names are not secrets', code: req('          capture: { token: "$.token" }\n') },
    {
      name: 'fill of a password field from a secret',
      code: 'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - fill: { selector: "#password", value: "${secret:PASS}" }\n',
    },
    {
      name: 'fill of a normal field',
      code: 'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - fill: { selector: "#email", value: alice@example.com }\n',
    },
    {
      name: 'a query string without secrets',
      code: 'synthetic:\n  base_url: https://x.example.com/?lang=en\n  journeys: []\n',
    },
  ],
  invalid: [
    {
      name: 'a literal bearer token keeps its scheme',
      code: req('          headers: { Authorization: "Bearer abc.def.ghi" }\n'),
      errors: [
        {
          text: '"Bearer abc.def.ghi"',
          messageId: 'header',
          data: { header: 'Authorization', secretName: 'API_TOKEN' },
        },
      ],
      output: req('          headers: { Authorization: "Bearer ${secret:API_TOKEN}" }\n'),
    },
    {
      name: 'block headers: api key and cookie',
      code: req('          headers:\n            X-Api-Key: k-123 # rotate me\n            Cookie: session=s3cr3t\n'),
      errors: [
        { text: 'k-123', messageId: 'header', data: { header: 'X-Api-Key', secretName: 'X_API_KEY' } },
        { text: 'session=s3cr3t', messageId: 'header' },
      ],
      output: req(
        '          headers:\n            X-Api-Key: "${secret:X_API_KEY}" # rotate me\n            Cookie: "session=${secret:COOKIE}"\n',
      ),
    },
    {
      name: 'a nested body password',
      code: req('          body:\n            auth: { user: alice, password: hunter2 }\n'),
      errors: [{ text: 'hunter2', messageId: 'bodyField', data: { field: 'auth.password', secretName: 'PASSWORD' } }],
      output: req('          body:\n            auth: { user: alice, password: "${secret:PASSWORD}" }\n'),
    },
    {
      name: 'a numeric password is a literal too',
      code: req('          body: { user: alice, pin_password: 123456 }\n'),
      errors: [{ text: '123456' }],
      output: req('          body: { user: alice, pin_password: "${secret:PIN_PASSWORD}" }\n'),
    },
    {
      name: 'typing a literal into a password field',
      code: 'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - fill: { selector: "input[type=password]", value: hunter2 }\n',
      errors: [
        {
          text: 'hunter2',
          messageId: 'typedValue',
          data: { selector: 'input[type=password]', secretName: 'PASSWORD' },
        },
      ],
      output:
        'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - fill: { selector: "input[type=password]", value: "${secret:PASSWORD}" }\n',
    },
    {
      name: 'a token in a request URL',
      code: 'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: GET /api/items?limit=5&api_key=abc123\n',
      errors: [
        {
          text: 'GET /api/items?limit=5&api_key=abc123',
          messageId: 'urlQuery',
          data: { what: 'The `GET` URL', param: 'api_key', secretName: 'API_KEY' },
        },
      ],
      output:
        'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: "GET /api/items?limit=5&api_key=${secret:API_KEY}"\n',
    },
    {
      name: 'a token in base_url is reported once, not per journey that inherits it',
      code: 'synthetic:\n  base_url: https://x.example.com/?token=t0k\n  journeys:\n    - name: a\n    - name: b\n',
      errors: [
        {
          text: 'https://x.example.com/?token=t0k',
          messageId: 'urlQuery',
          data: { what: '`base_url`', param: 'token', secretName: 'TOKEN' },
        },
      ],
      output:
        'synthetic:\n  base_url: "https://x.example.com/?token=${secret:TOKEN}"\n  journeys:\n    - name: a\n    - name: b\n',
    },
  ],
});

test('the secret value never appears in the message or the fix title', () => {
  const findings = lintWithRule(
    hardcodedSecret,
    req(
      '          headers: { Authorization: "Bearer sup3rs3cret-value" }\n          body: { password: hunter2-value }\n',
    ),
  );
  assert.equal(findings.length, 2);
  for (const f of findings) {
    assert.doesNotMatch(f.message, /sup3rs3cret|hunter2/);
    assert.doesNotMatch(f.fix?.title ?? '', /sup3rs3cret|hunter2/);
    assert.doesNotMatch(f.fix?.edits.map((e) => e.newText).join('') ?? '', /sup3rs3cret|hunter2/);
  }
});
