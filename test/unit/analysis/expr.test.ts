/**
 * The expr-lang subset against the conditions that argoproj/argo-rollouts' own docs and examples
 * use (docs/features/analysis.md, docs/analysis/prometheus.md, examples/), with vectors, scalars,
 * NaN and empty results, and against hostile input (no prototype access, bounded work).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCondition, runCondition, withPlaceholders } from '../../../src/core/analysis/expr/condition';
import { toValue, type Value } from '../../../src/core/analysis/expr/evaluate';
import { argoPhase } from '../../../src/core/analysis/judge';

function run(condition: string, result: unknown): boolean | string {
  const c = checkCondition(condition);
  if (!c.ok) return `parse: ${c.message}`;
  const r = runCondition(c.expr, toValue(result));
  return r.ok ? r.value : `error: ${r.error}`;
}

const cases: [string, unknown, boolean | RegExp][] = [
  ['result[0] >= 0.95', [0.97], true],
  ['result[0] >= 0.95', [0.9], false],
  ['result[0] >= 0.95', [NaN], false],
  ['result[0] >= 0.95', [], /index out of range/],
  ['result[0] >= 10', [12, 1], true],
  ['result[0] <= 0.95', [0.5], true],
  ['result >= 0.95', 0.99, true],
  ['result >= 0.95', [0.99], /cannot compare a list with a number.*result\[0\]/],
  ['result <= 0.01', 0.001, true],
  ['result == true', true, true],
  ["result == 'It worked!'", 'It worked!', true],
  ['result == "I am OK"', 'nope', false],
  ["result.major == '1'", { major: '1' }, true],
  ['result.ok && result.successPercent >= 0.90', { ok: true, successPercent: 0.95 }, true],
  ['result.ok && result.successPercent >= 0.90', { ok: false, successPercent: 0.95 }, false],
  ['len(result) > 0 && result[0] >= 0.95', [], false],
  ['len(result) == 0 || result[0] >= 0.95', [], true],
  ['len(result) == 0 || result[0] >= 0.95', [0.5], false],
  ['isNaN(result) || result >= 0.95', NaN, true],
  ['isNaN(result) || result >= 0.95', 0.5, false],
  ['isNaN(result[0]) or result[0] >= 0.95', [NaN], true],
  ['isInf(result)', Infinity, true],
  ['max(result) < 0.05', [0.01, 0.02, 0.04], true],
  ['max(result) < 0.05', [0.01, 0.2], false],
  ['all(result, # < 1000)', [1, 999], true],
  ['all(result, # < 1000)', [1, 1000], false],
  ['any(result, {# > 5})', [1, 6], true],
  ['len(result[0].Values) >= 5 and all(result[0].Values, {# <= 0.01})', [{ Values: [0, 0.01, 0, 0, 0.001] }], true],
  ['len(result[0].Values) >= 5 and all(result[0].Values, {# <= 0.01})', [{ Values: [0, 0.5] }], false],
  [
    'all(result.service_apdex.values.values, {asFloat(.value) >= 9900})',
    { service_apdex: { values: { values: [{ value: '9950' }, { value: 9901 }] } } },
    true,
  ],
  [
    'all(result.service_apdex.values.values, {asFloat(.value) >= 9900})',
    { service_apdex: { values: { values: [{ value: '9850' }] } } },
    false,
  ],
  ['default(result, 0) < 5', null, true],
  ['default(result, 0) < 5', 3, true],
  ['default(result, 0) < 0.05', 0.5, false],
  ['asInt(result) == 3', 3.7, true],
  ['not (result[0] > 1)', [0.5], true],
  ['!(result[0] > 1) && true', [2], false],
  ['result[0] * 100 >= 95 - 1 * 2', [0.94], true],
  ['result[0] / 2 == 0.25', [0.5], true],
  ['2 ** 3 == 8 and 7 % 4 == 3', [], true],
  ['-result[0] < 0', [1], true],
  ['result[-1] == 3', [1, 2, 3], true],
  ['result[0] in [1, 2]', [2], true],
  ['len(filter(result, # > 1)) == 2', [1, 2, 3], true],
  ['result[0] > 0.5 ? true : false', [0.7], true],
  ['result?.missing == nil', { a: 1 }, true],
  ['result.a.b == 1', null, /nil/],
  ['results[0] >= 90.000000', [95], /parse: unknown name "results"/],
  ['result[0] >= ', [1], /parse: the condition ends too early/],
  ['result[0] >== 1', [1], /parse/],
  ['foo(result)', [1], /parse: unknown function "foo"/],
  ['result[0]', [1], /not true or false/],
  ['result[0] matches "a.*"', ['a'], /error: "matches"/],
  ["'unterminated", [1], /parse: a string is not closed/],
];

for (const [condition, result, expected] of cases) {
  test(`${condition} with ${JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`, () => {
    const got = run(condition, result);
    if (expected instanceof RegExp) assert.match(String(got), expected);
    else assert.equal(got, expected);
  });
}

test('a condition cannot reach a prototype, a constructor or the host', () => {
  assert.equal(run('result.constructor == nil', { a: 1 }), true);
  assert.equal(run('result.__proto__ == nil', { a: 1 }), true);
  assert.match(String(run('result.constructor', [1])), /error/);
  assert.match(String(run('process.exit(1)', 1)), /parse/);
  assert.match(String(run('constructor("return 1")', 1)), /parse: unknown function/);
  assert.match(String(run('result["__proto__"]', {})), /not true or false/);
});

test('work is bounded: big ranges, deep nesting, long input', () => {
  assert.match(String(run('len(1..100000000) > 0', 1)), /too large/);
  assert.match(String(run(`${'('.repeat(500)}true${')'.repeat(500)}`, 1)), /parse: .*nested/);
  assert.match(String(run(`${'result == 1 or '.repeat(400)}true`, 1)), /parse: .*longer than/);
  const nested = 'all(0..1000, {all(0..1000, {# >= 0})})';
  assert.match(String(run(nested, 1)), /more than .* steps/);
});

test("Argo's phase rules: success only, failure only, both, neither", () => {
  const phase = (success: string | undefined, failure: string | undefined, result: Value) =>
    argoPhase(
      {
        kind: 'argo',
        failureLimit: 0,
        inconclusiveLimit: 0,
        consecutiveErrorLimit: 4,
        ...(success ? { successCondition: success } : {}),
        ...(failure ? { failureCondition: failure } : {}),
      },
      result,
    ).phase;
  assert.equal(phase('result[0] >= 0.95', undefined, [0.99]), 'Successful');
  assert.equal(phase('result[0] >= 0.95', undefined, [0.5]), 'Failed');
  assert.equal(phase(undefined, 'result[0] >= 10', [12]), 'Failed');
  assert.equal(phase(undefined, 'result[0] >= 10', [1]), 'Successful');
  // Argo's well-known NaN trap: a failure-only condition calls NaN successful.
  assert.equal(phase(undefined, 'result[0] < 0.95', [NaN]), 'Successful');
  assert.equal(phase('result[0] >= 0.95', 'result[0] < 0.5', [0.7]), 'Inconclusive');
  assert.equal(phase(undefined, undefined, [0.7]), 'Successful');
  assert.equal(phase('result[0] >= 0.95', undefined, []), 'Error');
});

test('placeholders of Argo arguments read as values for lint', () => {
  assert.equal(checkCondition(withPlaceholders('default(result, 0) > {{ args.restarts.max-restarts }}')).ok, true);
  assert.equal(checkCondition(withPlaceholders('result == "{{args.success-condition}}"')).ok, true);
});
