/**
 * The rules index is the one registry: every rule file is registered under the id its path gives,
 * and everything that lists rules (docs pages, test tables, the settings in package.json) follows
 * from it. Adding a rule = its file, its table of cases, its docs page and one line in its group's
 * index; this test names whichever is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allRules, allRuleMetas } from '../../../src/core/lint/rules/index';
import type { Rule } from '../../../src/core/lint/rule';
import { ruleSettingsProperties } from '../../../scripts/ruleSettings';

const ROOT = join(__dirname, '..', '..', '..');
const RULES_DIR = join(ROOT, 'src', 'core', 'lint', 'rules');

function isRule(value: unknown): value is Rule {
  const v = value as Rule | undefined;
  return !!v && typeof v === 'object' && typeof v.check === 'function' && typeof v.meta?.id === 'string';
}

/** Every Rule exported by a file of a group folder (helpers such as native-canary-fix.ts export none). */
function rulesOnDisk(): Array<{ file: string; rule: Rule }> {
  const out: Array<{ file: string; rule: Rule }> = [];
  for (const group of readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(RULES_DIR, group.name)).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
      const file = join(RULES_DIR, group.name, name);
      const mod = require(file) as Record<string, unknown>;
      for (const value of Object.values(mod))
        if (isRule(value)) out.push({ file: `${group.name}/${name}`, rule: value });
    }
  }
  return out;
}

test('every rule file is registered, under the id its path gives', () => {
  const registered = new Set(allRules);
  const onDisk = rulesOnDisk();
  assert.ok(onDisk.length >= allRules.length, 'every registered rule lives in a group folder');
  for (const { file, rule } of onDisk) {
    assert.equal(rule.meta.id, file.replace(/\.ts$/, ''), `${file} exports ${rule.meta.id}`);
    assert.ok(registered.has(rule), `${file} is not in its group's index.ts`);
  }
});

test('rule ids are unique', () => {
  const ids = allRuleMetas().map((m) => m.id);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
});

test('every rule has its docs page and its table of cases', () => {
  for (const meta of allRuleMetas()) {
    assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${meta.id}.md`)), `docs/rules/${meta.id}.md is missing`);
    assert.ok(meta.docsUrl.endsWith(`/docs/rules/${meta.id}.md`), `${meta.id}: docsUrl ${meta.docsUrl}`);
  }
  for (const rule of allRules) {
    const cases = join(ROOT, 'test', 'unit', 'rules', `${rule.meta.id}.test.ts`);
    assert.ok(existsSync(cases), `test/unit/rules/${rule.meta.id}.test.ts is missing`);
    assert.match(readFileSync(cases, 'utf8'), /runRuleTests\(/, `${basename(cases)} runs the rule tester`);
  }
});

test('every message template of a rule is well formed', () => {
  for (const { meta } of allRules) {
    for (const [id, template] of Object.entries(meta.messages ?? {})) {
      assert.match(id, /^[a-z][A-Za-z]*$/, `${meta.id}: message id "${id}"`);
      assert.ok(template.trim().length > 10, `${meta.id}.${id}: empty template`);
      assert.doesNotMatch(
        template.replace(/\{\{\s*\w+\s*\}\}/g, ''),
        /\{\{|\}\}(?!\})/,
        `${meta.id}.${id}: broken placeholder`,
      );
    }
  }
});

test('package.json lists every rule id in releaseSafety.rules (node --import tsx scripts/sync-rule-settings.ts writes it)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties['releaseSafety.rules'];
  assert.deepEqual(setting.properties, ruleSettingsProperties(allRuleMetas()));
  // `prefix/*` and ids of rules added later still take a severity.
  assert.deepEqual(setting.additionalProperties.enum, ['off', 'info', 'warning', 'error']);
});
