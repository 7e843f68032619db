/** JUnit output tells a journey whose expectation failed (<failure>) from one that could not be checked (<error>), as Hurl does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyJunitReporter, junitOutcome } from '../../../src/cli/reporters/journeyJunit';
import type { FailureKind, JourneyResult, RunResult } from '../../../src/core/journey/result';
import { LineIndex } from '../../../src/core/text/lineIndex';

const TEXT =
  'synthetic:\n  journeys:\n    - name: a\n      steps:\n        - request: GET /health\n          expect: { status: 200 }\n';
const ref = { offset: TEXT.indexOf('status: 200'), length: 11 };

function journey(index: number, name: string, status: JourneyResult['status'], kind?: FailureKind): JourneyResult {
  const error = kind
    ? {
        kind,
        message: `${name} went wrong`,
        stepIndex: 0,
        ref,
        ...(kind === 'assertion' ? { expected: '200', actual: '503' } : {}),
      }
    : undefined;
  return {
    index,
    name,
    kind: 'api',
    status,
    durationMs: 12,
    steps: [
      { index: 0, name: 'GET /health', kind: 'request', status, durationMs: 12, ref, ...(error ? { error } : {}) },
    ],
    ...(error ? { error } : {}),
    ref,
  };
}

function report(journeys: JourneyResult[]): string {
  const result: RunResult = { status: 'failed', durationMs: 40, journeys, cancelled: false };
  return journeyJunitReporter({ result, file: 'synthetic.yaml', lineIndex: new LineIndex(TEXT), color: false });
}

test('an expectation that did not hold is a <failure>; a refused connection, a timeout, TLS or a missing secret is an <error>', () => {
  const xml = report([
    journey(0, 'wrong status', 'failed', 'assertion'),
    journey(1, 'refused', 'failed', 'network'),
    journey(2, 'slow', 'failed', 'timeout'),
    journey(3, 'untrusted', 'failed', 'tls'),
    journey(4, 'no secret', 'failed', 'config'),
    journey(5, 'fine', 'passed'),
    journey(6, 'not run', 'skipped', 'cancelled'),
  ]);
  assert.match(xml, /<testsuite name="synthetic\.yaml" tests="7" failures="1" errors="4" skipped="1"/);
  assert.match(xml, /<testsuites name="release-safety run" tests="7" failures="1" errors="4" skipped="1"/);
  const testcase = (name: string) =>
    new RegExp(`<testcase name="${name}"[^>]*>([\\s\\S]*?)</testcase>`).exec(xml)?.[1] ?? '';
  assert.match(
    testcase('wrong status'),
    /<failure message="wrong status went wrong" type="assertion">wrong status went wrong\nexpected: 200\nactual: 503\nat synthetic\.yaml:6:21<\/failure>/,
  );
  for (const [name, kind] of [
    ['refused', 'network'],
    ['slow', 'timeout'],
    ['untrusted', 'tls'],
    ['no secret', 'config'],
  ]) {
    const body = testcase(name);
    assert.match(
      body,
      new RegExp(
        `<error message="${name} went wrong" type="${kind}">${name} went wrong\\nat synthetic\\.yaml:6:21</error>`,
      ),
      name,
    );
    assert.doesNotMatch(body, /<failure/, name);
  }
  assert.doesNotMatch(testcase('fine'), /<failure|<error|<skipped/);
  assert.match(testcase('not run'), /<skipped message="not run went wrong"\/>/);
});

test('junitOutcome: only failed journeys have one, and only assertions are failures', () => {
  assert.equal(junitOutcome(journey(0, 'a', 'passed')), undefined);
  assert.equal(junitOutcome(journey(0, 'a', 'skipped', 'refused')), undefined);
  assert.equal(junitOutcome(journey(0, 'a', 'failed', 'assertion')), 'failure');
  for (const kind of ['network', 'tls', 'timeout', 'redirect', 'too-large', 'capture', 'browser', 'config'] as const)
    assert.equal(junitOutcome(journey(0, 'a', 'failed', kind)), 'error', kind);
});
