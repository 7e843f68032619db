/**
 * Property tests for the exposition parser: any text is read without throwing, with every
 * unreadable line counted; and samples written by the format's rules read back as written.
 * Fixed seed and run count (FC_SEED explores others).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExposition } from '../../../src/core/canary/exposition';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261126;

test('any text: never throws, samples + skipped lines never exceed the lines', () => {
  const tokens = fc.constantFrom(
    'm',
    'x_total',
    '{',
    '}',
    '="',
    '"',
    ',',
    ' ',
    '\t',
    '\\',
    '\\"',
    '\n',
    'NaN',
    '+Inf',
    '-1e3',
    '12',
    '# HELP',
    '# TYPE',
    'le',
    '=',
    '\u2028',
    '\r\n',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(tokens, { maxLength: 80 }).map((t) => t.join('')),
  );
  fc.assert(
    fc.property(text, (t) => {
      const e = parseExposition(t);
      const lines = t.split('\n').length;
      assert.ok(e.samples.length + e.skippedLines <= lines);
      for (const s of e.samples) assert.equal(typeof s.value, 'number');
    }),
    { seed: SEED, numRuns: 400 },
  );
});

const name = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,15}$/);
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/);
const value = fc.oneof(fc.double({ noNaN: true }), fc.constant(NaN), fc.integer());

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

test('well-formed samples read back exactly: names, unescaped label values, values, timestamps', () => {
  const sample = fc.record({
    name,
    labels: fc.dictionary(labelName, fc.string({ maxLength: 20 }), { maxKeys: 4 }),
    value,
    ts: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(sample, { minLength: 1, maxLength: 20 }), (samples) => {
      const text = samples
        .map((s) => {
          const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escape(v)}"`);
          return `${s.name}${labels.length ? `{${labels.join(',')}}` : ''} ${formatValue(s.value)}${s.ts === undefined ? '' : ` ${s.ts}`}`;
        })
        .join('\n');
      const e = parseExposition(text);
      assert.equal(e.skippedLines, 0, text);
      assert.equal(e.samples.length, samples.length);
      e.samples.forEach((got, i) => {
        const want = samples[i];
        assert.equal(got.name, want.name);
        assert.deepEqual({ ...got.labels }, { ...want.labels });
        if (Number.isNaN(want.value)) assert.ok(Number.isNaN(got.value));
        else assert.ok(got.value === want.value, `${got.value} vs ${want.value}`); // -0 reads back as 0
        assert.equal(got.timestampMs, want.ts);
      });
    }),
    { seed: SEED, numRuns: 300 },
  );
});
