/** The canary rules as a set: the reference example is clean, fixes combine, hostile input never throws. (Registration and docs pages: test/unit/rules/registry.test.ts.) */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../../src/core/lint/engine';
import { canaryRules } from '../../../../src/core/lint/rules/canary/index';
import { applyEdits } from '../../../../src/core/lint/fixes/yamlEdits';
import { SPEC_CANARY } from '../../../fixtures/specExamples';

const SPEC_EXAMPLE = SPEC_CANARY;

test('the reference canary example (docs/formats/canary.md) gets no canary finding', () => {
  const r = lintText(SPEC_EXAMPLE, { rules: canaryRules });
  assert.deepEqual(r.internalErrors, []);
  assert.deepEqual(
    r.findings.map((f) => f.rule),
    [],
  );
});

test('all fixes of a bare canary apply together, keep comments, and leave only unfixable findings', () => {
  const text =
    '# a first draft\ncanary:\n  steps: [1, 10, 100]   # ramp\n  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n';
  const before = lintText(text, { rules: canaryRules }).findings;
  assert.deepEqual(before.map((f) => f.rule).sort(), [
    'canary/missing-alerts',
    'canary/missing-interval',
    'canary/missing-rollback',
    'canary/no-sample-guard',
  ]);
  const fixed = applyEdits(
    text,
    before.flatMap((f) => f.fix?.edits ?? []),
  );
  const after = lintText(fixed, { rules: canaryRules });
  assert.deepEqual(after.file.findings, [], fixed);
  assert.deepEqual(
    after.findings.map((f) => f.rule),
    [],
  );
  assert.match(fixed, /^# a first draft\n/);
  assert.match(fixed, /# ramp\n/);
  for (const line of [
    '  on_failure: rollback',
    '  interval: 5m',
    '  min_requests: 100',
    '  alerts:\n    - channel: slack:#CHANGE-ME',
  ])
    assert.ok(fixed.includes(line), `${line} in\n${fixed}`);
});

test('hostile canaries end in findings, never in a thrown rule', () => {
  const inputs = [
    'canary: [1, 2]',
    'canary:\n  steps: {a: 1}\n  metrics: 5\n  alerts: "x"\n  interval: [1]\n  on_failure: {a: b}\n',
    'canary:\n  metrics:\n    - 5\n    - name: [x]\n      threshold: {a: 1}\n',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n      steps: 5\n',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n      steps:\n      - pause: 5\n      - setWeight: [1]\n      - analysis: x\n',
    'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    stepWeight: 1e308\n    maxWeight: -1\n    metrics: {}\n    alerts: [1, {providerRef: 2}]\n',
    'a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\ncanary:\n  steps: *c\n  metrics: *c\n',
  ];
  for (const text of inputs) {
    const r = lintText(text, { rules: canaryRules });
    assert.deepEqual(r.internalErrors, [], text);
  }
});
