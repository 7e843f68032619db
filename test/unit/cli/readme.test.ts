/** The README's rule table and CLI section stay in step with the rule registry and the CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRuleMetas } from '../../../src/core/lint/rules/index';

const ROOT = resolve(__dirname, '..', '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ROWS = new Map(
  [...README.matchAll(/^\| \[`([^`]+)`\]\(([^)]+)\) \| (error|warning|info) \| (.+) \|$/gm)].map((m) => [
    m[1],
    { link: m[2], severity: m[3], text: m[4] },
  ]),
);

test('the quick start keeps its three lines', () => {
  assert.match(README, /```bash\nnpm install\nnpm start\nnpm test\n```/);
});

test('every rule of the catalog has a row with its default severity and its docs page', () => {
  assert.ok(ROWS.size >= 22, `rows found: ${[...ROWS.keys()].join(', ')}`);
  for (const meta of allRuleMetas()) {
    const row = ROWS.get(meta.id) ?? (meta.id.startsWith('schema/') ? ROWS.get('schema/*') : undefined);
    assert.ok(row, `README has no row for ${meta.id}`);
    assert.equal(row.severity, meta.defaultSeverity, `${meta.id}: README says ${row.severity}`);
    if (!meta.id.startsWith('schema/')) {
      assert.equal(row.link, `docs/rules/${meta.id}.md`);
      assert.ok(
        meta.docsUrl.endsWith(`/${row.link}`),
        `${meta.id}: docsUrl ${meta.docsUrl} and README link ${row.link} differ`,
      );
    }
  }
});

test('the table has one row per rule of the registry, and no other (schema/* as one row)', () => {
  const expected = [...new Set(allRuleMetas().map((m) => (m.id.startsWith('schema/') ? 'schema/*' : m.id)))];
  const order = (id: string) => expected.indexOf(id);
  assert.deepEqual(
    [...ROWS.keys()].sort((a, b) => order(a) - order(b)),
    expected,
    'README rows and the registry differ',
  );
});

test('every rule row links a docs page that exists', () => {
  for (const [id, row] of ROWS) assert.ok(existsSync(join(ROOT, row.link)), `${id}: ${row.link} is missing`);
});

test('the CLI section states the lint exit codes and formats', () => {
  assert.match(
    README,
    /release-safety lint \[PATH \.\.\. \| -\] \[--stdin-filename NAME\] \[--format text\|json\|sarif\] \[--max-warnings N\]/,
  );
  assert.match(README, /\| 2 \| usage error, or a path that cannot be read \|/);
});
