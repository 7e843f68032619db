/**
 * The incremental linter must give exactly what lintText gives for every version of a file, while
 * re-parsing and re-linting only the documents an edit touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { lintText } from '../../../src/core/lint/engine';
import { IncrementalLinter } from '../../../src/core/lint/incrementalLint';
import { parseFile } from '../../../src/core/parse/parseFile';
import { splitDocuments, YamlDocuments } from '../../../src/core/parse/yamlDocuments';
import { generateRolloutFile } from '../../../bench/generateRolloutFile';
import { ProjectIndex, summarize } from '../../../src/core/project/projectIndex';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261202;

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

/** What must match: findings (with fixes), internal errors, and each document's place and kind. */
function same(linter: IncrementalLinter, text: string, config?: Parameters<typeof lintText>[1]): void {
  const expected = lintText(text, config);
  const actual = linter.lint(text, config);
  assert.deepEqual(actual.findings, expected.findings);
  assert.deepEqual(actual.internalErrors, expected.internalErrors);
  const docs = (r: typeof expected) => r.file.documents.map((d) => [d.index, d.kind, d.offset, d.length]);
  assert.deepEqual(docs(actual), docs(expected));
  // The trees themselves: every node range where a fresh parse puts it.
  assert.deepEqual(
    actual.file.documents.map((d) => JSON.stringify(d.doc.contents && (d.doc.contents as { range?: unknown }).range)),
    expected.file.documents.map((d) => JSON.stringify(d.doc.contents && (d.doc.contents as { range?: unknown }).range)),
  );
}

test('splitDocuments: markers at line starts, comments before the first one stay with it, unsure files are not split', () => {
  assert.deepEqual(splitDocuments('a: 1\n---\nb: 2\n--- \nc: 3\n---x: 4\n'), [0, 5, 14]);
  assert.deepEqual(splitDocuments('# head\n\n---\na: 1\n---\nb: 2'), [0, 17]);
  assert.deepEqual(splitDocuments('---\na: 1\n'), [0]);
  assert.deepEqual(splitDocuments('a: |\n  text\n---\nb: 1'), [0, 12]);
  assert.equal(splitDocuments('%YAML 1.2\n---\na: 1\n'), undefined);
  assert.equal(splitDocuments('a: 1\n...\n---\nb: 2\n'), undefined);
});

test('every example, and a generated 1,000-line file, lint the same as lintText', () => {
  for (const text of [...exampleTexts(), generateRolloutFile(1_000).text]) same(new IncrementalLinter(), text);
});

test('an edit in one document re-parses and re-lints that document only; the others move with the edit', () => {
  const { text } = generateRolloutFile(1_000);
  const linter = new IncrementalLinter();
  linter.lint(text);
  assert.ok(linter.documents.length > 10, `the generated file has many documents (${linter.documents.length})`);
  // Lengthen a value in the middle: every later document moves by one character.
  const at = text.indexOf('interval: 5m', text.length >> 1) + 'interval: '.length;
  const edited = `${text.slice(0, at)}15m${text.slice(at + 2)}`;
  same(linter, edited);
  // The edit is inside an AnalysisTemplate: it and the one Rollout that names it run their rules.
  assert.equal(linter.linted, 2, 'only the edited template and the Rollout naming it ran their rules');
  // An edit inside a Rollout: that document only.
  const inRollout = edited.indexOf('setWeight: 5', edited.length >> 1) + 'setWeight: '.length;
  const edited2 = `${edited.slice(0, inRollout)}4${edited.slice(inRollout + 1)}`;
  same(linter, edited2);
  assert.equal(linter.linted, 1, 'only the edited Rollout ran its rules');
  same(linter, edited);
  // A new document at the top moves all of them (the old first one, which had no marker, now
  // starts with one: its text changed, so it is linted again too).
  same(linter, `canary:\n  steps: [100]\n---\n${edited}`);
  assert.equal(linter.linted, edited.startsWith('---') ? 1 : 2);
  // A config change re-lints everything (severities and settings are part of each result).
  same(linter, edited, { config: { rules: { 'canary/big-first-step': 'off' }, maxFirstStep: 20 } });
  assert.equal(linter.linted, linter.documents.filter((d) => d.document.kind).length);
});

test('the per-document cache reuses parses: a YamlDocuments parse equals parseFile', () => {
  const docs = new YamlDocuments();
  const { text } = generateRolloutFile(400);
  const first = docs.parse(text);
  assert.equal(docs.reused, 0);
  const again = docs.parse(`${text}\n---\nkind: ConfigMap\n`);
  assert.equal(docs.reused, first.documents.length - 1, 'all but the last document, which gained a line break');
  const fresh = parseFile(`${text}\n---\nkind: ConfigMap\n`);
  assert.deepEqual(again.findings, fresh.findings);
  assert.deepEqual(
    again.documents.map((d) => [d.kind, d.offset, d.length, JSON.stringify(d.doc.toJS())]),
    fresh.documents.map((d) => [d.kind, d.offset, d.length, JSON.stringify(d.doc.toJS())]),
  );
});

test('random edits of multi-document files (typing, deleting, new and broken markers) always lint the same as lintText', () => {
  const bases = [...exampleTexts().filter((t) => t.includes('\n---')), generateRolloutFile(200).text];
  const pieces = [
    '---\n',
    '\n---\n',
    ' ',
    'x',
    ':',
    '\n',
    '  - a\n',
    '"',
    '[',
    '# c\n',
    'canary:\n',
    '\n  interval: 5m\n',
    '- ',
    '---',
    '...\n',
    '%YAML 1.2\n',
    '\t',
    '&a ',
    '*a',
    '# release-safety-disable-next-line\n',
  ];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: bases.length - 1 }),
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.integer({ min: 0, max: 8 }),
          fc.constantFrom(...pieces),
        ),
        { minLength: 1, maxLength: 8 },
      ),
      (b, edits) => {
        const linter = new IncrementalLinter();
        let text = bases[b];
        same(linter, text);
        for (const [where, del, insert] of edits) {
          const at = Math.floor(where * text.length);
          text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + del));
          same(linter, text);
        }
      },
    ),
    { seed: SEED, numRuns: Number(process.env.FC_RUNS ?? 80) },
  );
});

test('with files linted together: the references are re-checked only when another file changes', () => {
  const rollout =
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: app}\nspec:\n  strategy:\n    canary:\n      analysis:\n        templates:\n        - templateName: rate\n      steps:\n      - setWeight: 5\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
  const template =
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: rate}\nspec:\n  args:\n  - name: service\n  metrics:\n  - name: rate\n    successCondition: result[0] >= 0.9\n    provider: {prometheus: {query: x}}\n';
  const index = new ProjectIndex();
  index.set('template.yaml', summarize(parseFile(template)));
  const linter = new IncrementalLinter();
  // A new options object every pass, as the editor gives: the same files, so nothing is re-checked.
  const lintWith = (text: string) => linter.lint(text, { project: { index, file: 'rollout.yaml' } });
  const first = lintWith(rollout);
  assert.ok(
    first.findings.some((f) => f.rule === 'canary/missing-template-arg'),
    'the template wants an arg the Rollout does not give',
  );
  lintWith(rollout);
  assert.equal(linter.linted, 0, 'unchanged text and unchanged other files: nothing re-linted');
  // The template gets a default: the Rollout's finding must go, though its own text did not change.
  index.set(
    'template.yaml',
    summarize(parseFile(template.replace('  - name: service\n', '  - name: service\n    value: checkout\n'))),
  );
  const after = lintWith(rollout);
  assert.equal(linter.linted, 1, 'the referring document was re-linted');
  assert.ok(!after.findings.some((f) => f.rule === 'canary/missing-template-arg'));
});
