import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleTests } from '../ruleTester';
import { insecureUrl, insecureHost } from '../../../../src/core/lint/rules/synthetic/insecure-url';

runRuleTests(insecureUrl, {
  valid: [
    'synthetic:\n  base_url: https://app.example.com\n  journeys: []\n',
    'synthetic:\n  base_url: http://localhost:8080\n  journeys:\n    - name: a\n      base_url: http://127.0.0.1:3000\n      steps:\n        - request: GET http://[::1]:9000/health\n        - goto: http://127.1.2.3/\n',
    {
      name: 'relative paths and variable hosts',
      code: 'synthetic:\n  base_url: ${env:BASE_URL}\n  journeys:\n    - name: a\n      steps:\n        - request: GET /health\n        - goto: http://${env:HOST}/\n',
    },
  ],
  invalid: [
    {
      name: 'base_url over http is reported once for every journey that inherits it',
      code: 'synthetic:\n  base_url: http://app.example.com\n  journeys:\n    - name: a\n    - name: b\n',
      errors: [
        {
          text: 'http://app.example.com',
          messageId: 'plainHttp',
          data: { what: '`base_url`', host: 'app.example.com' },
        },
      ],
      output: null,
      suggestions: [
        [
          {
            title: 'Use https://',
            output: 'synthetic:\n  base_url: "https://app.example.com"\n  journeys:\n    - name: a\n    - name: b\n',
          },
        ],
      ],
    },
    {
      name: 'an absolute request URL and a goto',
      code: 'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: POST http://10.0.0.5:8080/api\n        - goto: http://localhost.evil.com/\n',
      errors: [
        { text: 'POST http://10.0.0.5:8080/api', messageId: 'plainHttp', data: { what: '`POST`', host: '10.0.0.5' } },
        {
          text: 'http://localhost.evil.com/',
          messageId: 'plainHttp',
          data: { what: '`goto`', host: 'localhost.evil.com' },
        },
      ],
      suggestions: [
        [
          {
            output:
              'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: "POST https://10.0.0.5:8080/api"\n        - goto: http://localhost.evil.com/\n',
          },
        ],
        [
          {
            output:
              'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: POST http://10.0.0.5:8080/api\n        - goto: "https://localhost.evil.com/"\n',
          },
        ],
      ],
    },
  ],
});

test('loopback hosts', () => {
  for (const ok of [
    'http://localhost',
    'http://LOCALHOST:80/x',
    'http://127.0.0.1',
    'http://127.255.0.9:1/',
    'http://[::1]:8080',
    'http://api.localhost/',
    'http://user:pw@localhost/',
    'https://example.com',
    '/path',
  ]) {
    assert.equal(insecureHost(ok), undefined, ok);
  }
  for (const [bad, host] of [
    ['http://example.com', 'example.com'],
    ['http://128.0.0.1', '128.0.0.1'],
    ['http://127.0.0.1.nip.io', '127.0.0.1.nip.io'],
    ['http://[::2]/', '::2'],
    ['HTTP://Example.COM:8080', 'example.com'],
    ['http://127.0.0.256/', '127.0.0.256'],
  ]) {
    assert.equal(insecureHost(bad), host, bad);
  }
});
