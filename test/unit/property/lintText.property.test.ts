/**
 * Property tests: whatever text arrives (random YAML-ish tokens, mangled example files, alias
 * bombs), lintText returns findings inside the text and no rule crashes. Bounded: a fixed number
 * of runs and a fixed seed (set FC_SEED to explore others); no timing assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { lintText } from '../../../src/core/lint/engine';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261126;
const RUNS = 300;
const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');

function exampleTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.ya?ml$/.test(e.name)) out.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(EXAMPLES);
  return out;
}

/** The checks every lint result must pass, whatever the input. */
function checkResult(text: string): void {
  const result = lintText(text);
  assert.deepEqual(result.internalErrors, [], 'a rule threw');
  for (const f of result.findings) {
    assert.ok(Number.isInteger(f.offset) && Number.isInteger(f.length), JSON.stringify(f));
    assert.ok(
      f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length,
      `finding outside the text: ${JSON.stringify(f)}`,
    );
    assert.ok(['error', 'warning', 'info'].includes(f.severity));
    assert.ok(f.message.length > 0);
    for (const e of f.fix?.edits ?? [])
      assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `fix edit outside the text: ${JSON.stringify(e)}`);
  }
  // Bounded output: findings never outnumber what the text could hold.
  assert.ok(result.findings.length <= text.length + 10, `${result.findings.length} findings for ${text.length} chars`);
}

const TOKENS = [
  'canary',
  'synthetic',
  'steps',
  'interval',
  'metrics',
  'alerts',
  'journeys',
  'name',
  'threshold',
  'on_failure',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Rollout',
  'apiVersion: flagger.app/v1beta1',
  'kind: Canary',
  'setWeight',
  'pause',
  'request',
  'goto',
  'expect',
  'base_url',
  '${secret:X}',
  '${env:Y}',
  'http://a.b',
  '<= 1%',
  '5m',
  '100',
  ':',
  ': ',
  '- ',
  '-',
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\n    ',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '#',
  '# release-safety-disable-next-line',
  "'",
  '"',
  '|',
  '>',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '!!str ',
  '!tag ',
  '? ',
  '\r\n',
  '\u0000',
  '\uFEFF',
  'é',
  '😀',
  '\\',
  '0x1F',
  '.inf',
  'null',
  '~',
  'true',
];

test('random YAML-ish text never throws and yields sane findings', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (parts) => checkResult(parts.join(''))),
    { numRuns: RUNS, seed: SEED },
  );
});

test('arbitrary unicode strings never throw', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkResult), { numRuns: RUNS, seed: SEED });
});

type Mutation = {
  kind: 'delete' | 'insert' | 'duplicate-line' | 'swap-lines' | 'indent' | 'dedent';
  at: number;
  size: number;
  token: string;
};

function mutate(text: string, m: Mutation): string {
  const at = text.length ? m.at % text.length : 0;
  const lines = text.split('\n');
  const li = lines.length ? m.at % lines.length : 0;
  const lj = lines.length ? (m.at + m.size) % lines.length : 0;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.size);
    case 'insert':
      return text.slice(0, at) + m.token + text.slice(at);
    case 'duplicate-line':
      lines.splice(li, 0, lines[li] ?? '');
      return lines.join('\n');
    case 'swap-lines':
      [lines[li], lines[lj]] = [lines[lj], lines[li]];
      return lines.join('\n');
    case 'indent':
      lines[li] = ' '.repeat(1 + (m.size % 4)) + lines[li];
      return lines.join('\n');
    case 'dedent':
      lines[li] = lines[li].replace(/^ {1,2}/, '');
      return lines.join('\n');
  }
}

test('mutations of the example files never throw and yield sane findings', () => {
  const examples = exampleTexts();
  assert.ok(examples.length >= 8, 'the examples are there to mutate');
  const mutation = fc.record({
    kind: fc.constantFrom('delete', 'insert', 'duplicate-line', 'swap-lines', 'indent', 'dedent') as fc.Arbitrary<
      Mutation['kind']
    >,
    at: fc.nat(),
    size: fc.integer({ min: 1, max: 40 }),
    token: fc.constantFrom(...TOKENS),
  });
  fc.assert(
    fc.property(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, ms) =>
      checkResult(ms.reduce(mutate, text)),
    ),
    { numRuns: RUNS, seed: SEED },
  );
});

test('alias bombs and deep nesting end in bounded work with findings, not a hang', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 }), (levels, fanout) => {
      let text = 'canary:\n  a0: &a0 [x, x]\n';
      for (let i = 1; i < levels; i++)
        text += `  a${i}: &a${i} [${Array(fanout)
          .fill(`*a${i - 1}`)
          .join(', ')}]\n`;
      text += `  steps: *a${levels - 1}\n  metrics: *a${levels - 1}\n  alerts: *a${levels - 1}\n`;
      checkResult(text);
    }),
    { numRuns: 40, seed: SEED },
  );
  checkResult('['.repeat(5000) + ']'.repeat(5000));
  checkResult(`canary:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`);
});
