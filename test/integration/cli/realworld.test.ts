/**
 * Manifests nobody on this project wrote (../shared/realworld): linting them never crashes, no
 * rule throws, they parse, and every finding points inside the file. What each rule should say
 * about them is asserted by the rule tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import { runCli } from '../../unit/cli/tempTree';

const ROOT = resolve(__dirname, '..', '..', '..');
const candidates = [
  process.env.RELEASE_SAFETY_REALWORLD,
  join(ROOT, '..', 'shared', 'realworld'),
  join(ROOT, '..', '..', 'shared', 'realworld'),
  '/work/shared/realworld',
];
const DIR = candidates.find((d): d is string => !!d && existsSync(d));
const files = DIR
  ? readdirSync(DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
  : [];
const skip = DIR ? false : 'the shared/realworld folder is absent here';

test('the real-world folder holds manifests', { skip }, () => {
  assert.ok(files.length >= 5, `found ${files.join(', ')}`);
});

for (const name of files) {
  test(`real-world ${name}: parses, sniffed, linted without a rule crash`, () => {
    const text = readFileSync(join(DIR!, name), 'utf8');
    const result = lintText(text);
    assert.deepEqual(result.internalErrors, []);
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'yaml/syntax'),
      [],
    );
    assert.ok(
      result.file.documents.some((d) => d.kind !== null),
      'at least one document is recognised',
    );
    for (const f of result.findings) {
      assert.ok(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length, JSON.stringify(f));
    }
  });
}

test('the CLI lints the real-world folder in every format', { skip }, async () => {
  const json = await runCli(['lint', DIR!, '--format', 'json'], ROOT);
  assert.equal(json.stderr, '');
  assert.ok(json.code === 0 || json.code === 1, `exit ${json.code}`);
  const findings = JSON.parse(json.stdout) as Array<{ file: string; severity: string }>;
  assert.equal(json.code, findings.some((f) => f.severity === 'error') ? 1 : 0);
  const sarif = JSON.parse((await runCli(['lint', DIR!, '--format', 'sarif'], ROOT)).stdout);
  assert.equal(sarif.runs[0].results.length, findings.length);
  for (const r of sarif.runs[0].results)
    assert.match(r.locations[0].physicalLocation.artifactLocation.uri, /^(file:\/\/\/|[^/])/);
});
