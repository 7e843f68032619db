import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleTests, lintWithRule } from '../ruleTester';
import { invalidValue } from '../../../../src/core/lint/rules/schema/invalid-value';

runRuleTests(invalidValue, {
  valid: [
    'canary:\n  on_failure: pause\n  alerts: [{ channel: "teams:releases" }, "pagerduty:x"]\n  metrics:\n    - name: queue\n      query: q{{selector}}\n      unit: count\n',
    'synthetic:\n  base_url: ${env:BASE}\n  frequency: 1m30s\n  journeys:\n    - name: a\n      timeout: 30s\n      steps:\n        - request: get /x\n          expect: { status: "2xx", latency: "<= 1s", json: { "$.ok": true } }\n        - expect_load_time: "< 3s"\n',
    {
      name: "a wrong side_effects value is unsafe-side-effects' business",
      code: 'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: POST /x\n          side_effects: none\n',
    },
  ],
  invalid: [
    {
      name: 'a unit typo is quoted when it must be',
      code: 'canary:\n  metrics:\n    - name: queue\n      query: q\n      unit: "%%"\n',
      errors: [{ text: '"%%"', messageId: 'enumGuess', message: /did you mean `%`\?/ }],
      suggestions: [[{ output: 'canary:\n  metrics:\n    - name: queue\n      query: q\n      unit: "%"\n' }]],
    },
    {
      name: 'an on_failure typo',
      code: 'canary:\n  on_failure: rollbak\n',
      errors: [
        {
          text: 'rollbak',
          messageId: 'enumGuess',
          message:
            '`rollbak` is not a valid `on_failure`; did you mean `rollback`? Use one of: rollback, pause, alert.',
        },
      ],
      output: null,
      suggestions: [[{ title: 'Change to `rollback`', output: 'canary:\n  on_failure: rollback\n' }]],
    },
    {
      name: 'channel kinds and events',
      code: 'canary:\n  alerts:\n    - channel: slak:#x\n      on: [breach, deploy]\n',
      errors: [
        {
          text: 'slak:#x',
          messageId: 'form',
          message: /^`channel` is not in the expected form: KIND:TARGET with KIND one of slack, pagerduty/,
        },
        {
          text: 'deploy',
          messageId: 'enum',
          message: /^`deploy` is not a valid `on` value\. Use one of: breach, rollback/,
        },
      ],
    },
    {
      name: 'durations, status codes, JSONPaths, requests and two actions in one step',
      code: 'synthetic:\n  frequency: often\n  journeys:\n    - name: a\n      steps:\n        - request: FETCH /x\n          expect: { status: [200, 700], json: { status: ok } }\n        - { goto: /, click: "#b" }\n',
      errors: [
        {
          text: 'often',
          messageId: 'form',
          message: '`frequency` is not in the expected form: a duration such as 500ms, 30s, 5m, 1h or 1h30m.',
        },
        {
          text: 'FETCH /x',
          messageId: 'form',
          message: /^`request` is not in the expected form: METHOD and a path or URL/,
        },
        { text: '700', messageId: 'limit', message: 'Status 2 should be at most 599.' },
        {
          text: 'status',
          occurrence: 1,
          messageId: 'jsonPath',
          message: '`status` is not a JSONPath: start it with `$`, e.g. `$.status`.',
        },
        {
          text: 'click',
          messageId: 'manyActions',
          message: 'A step does one thing, and this one has `goto` and `click`: split it into 2 steps.',
        },
      ],
    },
    {
      name: 'a negative failure_limit',
      code: 'canary:\n  failure_limit: -1\n',
      errors: [{ text: '-1', messageId: 'limit', message: '`failure_limit` should be at least 0.' }],
    },
  ],
});

test('an alias bomb ends in one finding, quickly', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  const code = `canary:\n  service: x\n${levels.map((l) => `  ${l.replace(/^(\w): /, 'x$1: ')}`).join('\n')}\n`;
  const started = process.hrtime.bigint();
  const findings = lintWithRule(invalidValue, code);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  assert.match(findings[0].message, /billion laughs/);
  assert.equal(code.slice(findings[0].offset, findings[0].offset + findings[0].length), 'canary');
  assert.ok(ms < 60_000, 'bounded');
});
