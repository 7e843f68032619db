// The failing and passing examples of the docs of the synthetic/*, schema/* and yaml/syntax rules
// are linted with their rule, so the docs cannot drift from what the rules do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../../src/core/lint/engine';
import { syntheticRules } from '../../../../src/core/lint/rules/synthetic/index';
import { schemaRules } from '../../../../src/core/lint/rules/schema/index';
import type { Rule } from '../../../../src/core/lint/rule';

const DOCS = join(__dirname, '../../../../docs/rules');

function examples(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`## ${heading}`);
  if (start < 0) return [];
  const rest = markdown.slice(start + heading.length + 3);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function findingsOf(id: string, code: string, rule: Rule | undefined): string[] {
  const r = lintText(code, rule ? { rules: [rule] } : { rules: [] });
  return r.findings.filter((f) => f.rule === id).map((f) => f.message);
}

const rules: Array<[string, Rule | undefined]> = [...syntheticRules, ...schemaRules].map(
  (r) => [r.meta.id, r] as [string, Rule],
);
rules.push(['yaml/syntax', undefined]);

for (const [id, rule] of rules) {
  test(`docs/rules/${id}.md: failing examples fail, passing ones pass`, () => {
    const file = join(DOCS, `${id}.md`);
    assert.ok(existsSync(file), `${file} exists`);
    const md = readFileSync(file, 'utf8');
    assert.match(md, new RegExp(`^# ${id.replace('/', '\\/')}\\n`));
    assert.match(md, /## Why it matters/);
    const failing = examples(md, 'Failing');
    const passing = examples(md, 'Passing');
    assert.ok(failing.length > 0 && passing.length > 0, 'a failing and a passing example');
    for (const code of failing) assert.ok(findingsOf(id, code, rule).length > 0, `no ${id} finding for:\n${code}`);
    for (const code of passing) {
      assert.deepEqual(findingsOf(id, code, rule), [], `a ${id} finding for the passing example:\n${code}`);
      // Passing examples are clean for the schema too: they are what people copy.
      if (id !== 'yaml/syntax')
        assert.deepEqual(
          lintText(code, { rules: schemaRules }).findings.map((f) => f.message),
          [],
        );
    }
  });
}
