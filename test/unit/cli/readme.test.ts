/** The README's rule table and CLI section stay in step with the rule catalog and the spec. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRuleMetas } from '../../../src/core/lint/rules/index';

const ROOT = resolve(__dirname, '..', '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ROWS = new Map(
  [...README.matchAll(/^\| \[`([^`]+)`\]\(([^)]+)\) \| (error|warning|info) \| (.+) \|$/gm)].map((m) => [m[1], { link: m[2], severity: m[3], text: m[4] }]),
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
      assert.ok(meta.docsUrl.endsWith(`/${row.link}`), `${meta.id}: docsUrl ${meta.docsUrl} and README link ${row.link} differ`);
    }
  }
});

test('every rule id of spec §3 is in the table', () => {
  const spec = [
    'canary/missing-rollback', 'canary/missing-metrics', 'canary/missing-alerts', 'canary/straight-to-full', 'canary/big-first-step',
    'canary/steps-order', 'canary/steps-incomplete', 'canary/endless-pause', 'canary/invalid-threshold', 'canary/unknown-metric',
    'canary/no-error-metric', 'canary/missing-interval', 'canary/short-interval', 'canary/no-sample-guard', 'synthetic/missing-alert',
    'synthetic/no-assertions', 'synthetic/hardcoded-secret', 'synthetic/unsafe-side-effects', 'synthetic/insecure-url',
    'synthetic/slow-frequency', 'synthetic/single-location', 'yaml/syntax', 'schema/*', 'canary/budget-overrun',
  ];
  assert.deepEqual([...ROWS.keys()].sort(), [...spec].sort());
});

test('every rule row links a docs page that exists', () => {
  for (const [id, row] of ROWS) assert.ok(existsSync(join(ROOT, row.link)), `${id}: ${row.link} is missing`);
});

test('the CLI section states the lint exit codes and formats', () => {
  assert.match(README, /release-safety lint \[PATH \.\.\.\] \[--format text\|json\|sarif\] \[--max-warnings N\]/);
  assert.match(README, /\| 2 \| usage error, or a path that cannot be read \|/);
});
