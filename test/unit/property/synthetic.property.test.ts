/**
 * Property tests for the synthetic model, the synthetic rules and the schema rules: documents
 * shaped like synthetic files but with random keys and values of random types never make the
 * builder or a rule throw, every range lies in the text, every fix leaves a file that parses,
 * and no message repeats a secret value. Fixed seed, bounded runs, no timing assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { lintText } from '../../../src/core/lint/engine';
import { parseFile } from '../../../src/core/parse/parseFile';
import { buildSyntheticConfig } from '../../../src/core/synthetic/buildSynthetic';
import { applyEdits } from '../../../src/core/lint/fixes/yamlEdits';
import { syntheticRules } from '../../../src/core/lint/rules/synthetic/index';
import { schemaRules } from '../../../src/core/lint/rules/schema/index';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261126;
const SECRET = 'S3CRET-VALUE-xyz';

const scalar = fc.oneof(
  fc.constantFrom(
    'GET /x',
    'POST /api/cart',
    'DELETE http://example.com/a?token=' + SECRET,
    '#password',
    'Bearer ' + SECRET,
    '${secret:A}',
    '5m',
    '1h',
    'often',
    'http://a.example.com',
    'https://b.example.com',
    '< 3s',
    '2xx',
    'sandbox',
    'slack:#x',
    'slak:#y',
    '',
  ),
  fc.integer({ min: -5, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
);
const stepKey = fc.constantFrom(
  'request',
  'goto',
  'click',
  'fill',
  'press',
  'select',
  'wait_for',
  'expect_visible',
  'expect_text',
  'expect_url',
  'expect_load_time',
  'screenshot',
  'name',
  'timeout',
  'headers',
  'body',
  'capture',
  'expect',
  'side_effects',
  'selector',
  'value',
  'status',
  'Authorization',
  'password',
  'clik',
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(stepKey, tie('v'), { maxKeys: 4 }),
  ),
})).v;
const step = fc.dictionary(stepKey, value, { minKeys: 0, maxKeys: 4 });
// Journey names are labels the messages quote; they are never where secrets go.
const name = fc.oneof(fc.constantFrom('login', 'checkout API', ''), fc.integer(), fc.constant(null));
const journey = fc.record(
  {
    name,
    steps: fc.oneof(fc.array(step, { maxLength: 5 }), scalar),
    alerts: fc.oneof(fc.array(fc.oneof(scalar, fc.record({ channel: scalar })), { maxLength: 2 }), scalar),
    locations: value,
    frequency: scalar,
    base_url: scalar,
    retries: scalar,
    timeout: scalar,
  },
  { requiredKeys: [] },
);
const doc = fc.record(
  {
    base_url: scalar,
    frequency: scalar,
    locations: value,
    alerts: value,
    journeys: fc.oneof(fc.array(journey, { maxLength: 3 }), scalar),
  },
  { requiredKeys: [] },
);

test('random synthetic documents: no throw, ranges in the text, fixes parse, secrets never echoed', () => {
  fc.assert(
    fc.property(doc, fc.boolean(), (synthetic, flow) => {
      const text = stringify({ synthetic }, flow ? { collectionStyle: 'flow' } : {});
      const file = parseFile(text);
      if (file.documents[0]) buildSyntheticConfig(file.documents[0], file);
      const result = lintText(text, { rules: [...syntheticRules, ...schemaRules] });
      assert.deepEqual(result.internalErrors, []);
      for (const f of result.findings) {
        assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, JSON.stringify(f));
        assert.ok(!f.message.includes(SECRET), `a secret in a message: ${f.message}`);
        for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
          if (!fix) continue;
          assert.ok(!fix.title.includes(SECRET));
          const out = applyEdits(text, fix.edits);
          assert.deepEqual(
            parseFile(out).findings.map((x) => x.message),
            [],
            `${f.rule} fix breaks the file:\n${text}\n=>\n${out}`,
          );
        }
      }
    }),
    { seed: SEED, numRuns: 150 },
  );
});
