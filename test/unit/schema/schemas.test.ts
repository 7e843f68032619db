import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { SCHEMAS } from '../../../src/core/schema/schemaValidator';
import { parsePointer } from '../../../src/core/schema/ajvErrorMapping';
import { closest, editDistance } from '../../../src/core/schema/didYouMean';
import { lintText } from '../../../src/core/lint/engine';
import { schemaRules } from '../../../src/core/lint/rules/schema/index';
import { syntheticRules } from '../../../src/core/lint/rules/synthetic/index';
import { SPEC_CANARY, SPEC_SYNTHETIC } from '../../fixtures/specExamples';

test('the reference examples of docs/formats/ are clean for the schema and synthetic rules', () => {
  for (const text of [SPEC_CANARY, SPEC_SYNTHETIC, `${SPEC_CANARY}---\n${SPEC_SYNTHETIC}`]) {
    const r = lintText(text, { rules: [...schemaRules, ...syntheticRules] });
    assert.deepEqual(r.internalErrors, []);
    assert.deepEqual(
      r.findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  }
});

test('a broken copy of the spec example is caught by the schema', () => {
  const broken = SPEC_SYNTHETIC.replace('expect_visible:', 'expect_visibel:').replace(
    'frequency: 60s',
    'frequency: 60',
  );
  const findings = lintText(broken, { rules: schemaRules }).findings;
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message]),
    [
      [
        'schema/wrong-type',
        '`frequency` should be text, not a whole number: a duration such as 500ms, 30s, 5m, 1h or 1h30m.',
      ],
      ['schema/unknown-key', '`expect_visibel` is not a key of a step; did you mean `expect_visible`?'],
    ],
  );
});

test('the schemas are valid draft-07 and every property has a description (for hover)', () => {
  const ajv = new Ajv({ strict: false });
  for (const [kind, schema] of Object.entries(SCHEMAS)) {
    assert.equal(ajv.validateSchema(schema), true, `${kind}: ${ajv.errorsText()}`);
    // The Argo Rollouts and Flagger schemas come from the CRDs' keys; we describe the parts that gate a release (next test).
    if (kind !== 'canary' && kind !== 'synthetic') continue;
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props) {
        for (const [key, child] of Object.entries(props)) {
          const c = child as { description?: string; $ref?: string };
          if (!c.description && !c.$ref) missing.push(`${path}/${key}`);
        }
      }
      for (const [k, v] of Object.entries(node)) if (typeof v === 'object') walk(v, `${path}/${k}`);
    };
    walk(schema, kind);
    assert.deepEqual(missing, [], `${kind}: properties without a description`);
    assert.ok(JSON.stringify(schema).includes('"additionalProperties":false'));
  }
  // Closed where the spec is closed, with the enums the editor completes from.
  const canary = SCHEMAS.canary as unknown as {
    properties: { canary: { properties: { on_failure: { enum: string[] } } } };
  };
  assert.deepEqual(canary.properties.canary.properties.on_failure.enum, ['rollback', 'pause', 'alert']);
});

test('JSON pointers and did-you-mean', () => {
  assert.deepEqual(parsePointer('/synthetic/journeys/0/steps/12/a~1b~0c'), [
    'synthetic',
    'journeys',
    0,
    'steps',
    12,
    'a/b~c',
  ]);
  assert.deepEqual(parsePointer(''), []);
  assert.equal(closest('intervall', ['service', 'interval', 'steps']), 'interval');
  assert.equal(closest('on_failur', ['on_failure', 'alerts']), 'on_failure');
  assert.equal(closest('stpes', ['steps', 'service']), 'steps');
  assert.equal(closest('colour', ['name', 'threshold', 'query', 'unit']), undefined);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  // The rows are reused between calls: a long comparison must not leak into a shorter one.
  assert.equal(editDistance('thresholdRange', 'thresold'), 6);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('setwieght', 'setweight'), 1);
  assert.equal(editDistance('ab', 'ab'), 0);
});

test('the Argo Rollouts and Flagger schemas describe the keys that gate a release (for hover)', () => {
  const at = (schema: object, path: string): { description?: string } | undefined => {
    let node = schema as Record<string, unknown> | undefined;
    for (const seg of path.split('.'))
      node =
        seg === '[]'
          ? (node?.items as Record<string, unknown>)
          : ((node?.properties as Record<string, unknown>)?.[seg] as Record<string, unknown>);
    return node as { description?: string } | undefined;
  };
  const wanted: Record<string, string[]> = {
    'argo-rollout': [
      'spec.strategy.canary.steps.[].setWeight',
      'spec.strategy.canary.steps.[].pause.duration',
      'spec.strategy.canary.analysis.templates',
      'spec.strategy.blueGreen.autoPromotionEnabled',
      'spec.strategy.canary.trafficRouting',
    ],
    'argo-analysis-template': [
      'spec.metrics.[].failureLimit',
      'spec.metrics.[].successCondition',
      'spec.args.[].value',
    ],
    'argo-experiment': ['spec.duration', 'spec.analyses.[].templateName'],
    'flagger-canary': [
      'spec.skipAnalysis',
      'spec.analysis.interval',
      'spec.analysis.metrics.[].interval',
      'spec.analysis.alerts',
    ],
    'flagger-metric-template': ['spec.query'],
    'flagger-alert-provider': ['spec.type'],
  };
  for (const [kind, paths] of Object.entries(wanted)) {
    for (const path of paths)
      assert.ok(at(SCHEMAS[kind as keyof typeof SCHEMAS], path)?.description, `${kind}: ${path} has no description`);
  }
});
