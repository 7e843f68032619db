/**
 * Property test for the canary rules and their fixes: canary documents of every format with random
 * values (wrong types included) in every slot, written in block or flow style with comments.
 * Whatever the input, no rule throws, every range is inside the text, and applying all the safe
 * fixes leaves YAML that parses, keeps every comment, and has no fixable canary finding left.
 * Bounded: fixed seed (FC_SEED to explore), fixed number of runs, no timing assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { lintText } from '../../../src/core/lint/engine';
import { canaryRules } from '../../../src/core/lint/rules/canary/index';
import { applyEdits } from '../../../src/core/lint/fixes/yamlEdits';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261126;
const RUNS = 250;

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 150 }),
  fc.constantFrom(
    '5m',
    '30s',
    '1h30m',
    'soon',
    '',
    '<= 1%',
    '<= baseline * 1.1',
    '> 5 req/s',
    'rollback',
    'pause',
    'slack:#x',
    '100%',
    '#not a comment',
  ),
  fc.constant(null),
  fc.boolean(),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('name', 'threshold', 'query', 'unit', 'channel', 'on', 'duration'), scalar, {
    maxKeys: 3,
  }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const metric = fc.record(
  {
    name: maybe(fc.oneof(fc.constantFrom('error-rate', 'p99-latency', 'throughput', 'error_rate', 'custom'), scalar)),
    threshold: maybe(scalar),
    query: maybe(fc.constant('q{{selector}}')),
    unit: maybe(fc.constantFrom('%', 'ms', 'count', 'furlongs')),
  },
  { requiredKeys: [] },
);

const nativeCanary = fc.record(
  {
    service: maybe(scalar),
    steps: maybe(fc.oneof(fc.array(fc.oneof(fc.integer({ min: -10, max: 120 }), scalar), { maxLength: 6 }), value)),
    interval: maybe(scalar),
    metrics: maybe(fc.oneof(fc.array(metric, { maxLength: 3 }), value)),
    on_failure: maybe(scalar),
    min_requests: maybe(scalar),
    alerts: maybe(fc.oneof(fc.array(fc.record({ channel: scalar }), { maxLength: 2 }), value)),
  },
  { requiredKeys: [] },
);

const argoRollout = fc
  .record(
    {
      steps: fc.array(
        fc.oneof(
          fc.record({ setWeight: scalar }),
          fc.record({ pause: fc.oneof(fc.constant({}), fc.record({ duration: scalar }), scalar) }),
          fc.record({ analysis: value }),
        ),
        { maxLength: 5 },
      ),
      analysis: maybe(value),
    },
    { requiredKeys: ['steps'] },
  )
  .map((canary) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: { strategy: { canary } } }));

const flaggerCanary = fc
  .record(
    {
      interval: maybe(scalar),
      threshold: maybe(scalar),
      stepWeight: maybe(
        fc.oneof(fc.integer({ min: -5, max: 150 }), fc.double({ min: 0.0001, max: 1, noNaN: true }), scalar),
      ),
      maxWeight: maybe(scalar),
      stepWeights: maybe(value),
      metrics: maybe(
        fc.array(
          fc.record(
            {
              name: scalar,
              thresholdRange: maybe(fc.record({ min: maybe(scalar), max: maybe(scalar) }, { requiredKeys: [] })),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
      ),
      alerts: maybe(value),
    },
    { requiredKeys: [] },
  )
  .map((analysis) => ({ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', spec: { analysis } }));

const documentText = fc
  .tuple(
    fc.oneof(
      nativeCanary.map((c) => ({ canary: c })),
      argoRollout,
      flaggerCanary,
    ),
    fc.constantFrom<'block' | 'flow' | 'any'>('block', 'flow', 'any'),
    fc.boolean(),
  )
  .map(([doc, style, crlf]) => {
    const text = `# generated ${style}\n${stringify(doc, { collectionStyle: style, lineWidth: 0 })}# end\n`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

test('canary rules never throw, stay inside the text, and their fixes leave clean YAML', () => {
  fc.assert(
    fc.property(documentText, (text) => {
      const before = lintText(text, { rules: canaryRules });
      if (before.file.findings.length) return; // the generator made invalid YAML: not this test's subject
      assert.deepEqual(before.internalErrors, [], text);
      for (const f of before.findings) {
        assert.ok(
          f.offset >= 0 && f.length > 0 && f.offset + f.length <= text.length,
          `range of ${f.rule} ${JSON.stringify(f)} in:\n${text}`,
        );
      }
      const edits = before.findings.flatMap((f) => f.fix?.edits ?? []);
      if (edits.length === 0) return;
      const fixed = applyEdits(text, edits);
      const after = lintText(fixed, { rules: canaryRules });
      assert.deepEqual(
        after.file.findings.map((f) => f.message),
        [],
        `the fixes broke the YAML:\n${text}\n---->\n${fixed}`,
      );
      assert.deepEqual(after.internalErrors, []);
      assert.deepEqual(
        after.findings.filter((f) => f.fix).map((f) => f.rule),
        [],
        `fixable findings remain:\n${fixed}`,
      );
      assert.ok(fixed.startsWith(text.slice(0, text.indexOf('\n'))) && /# end\r?\n$/.test(fixed), 'comments kept');
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
