// The failing and passing examples of docs/rules/canary/*.md are linted with their rule, so the
// docs cannot drift from what the rules do; passing examples are schema-clean (people copy them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../../src/core/lint/engine';
import { canaryRules } from '../../../../src/core/lint/rules/canary/index';
import { schemaRules } from '../../../../src/core/lint/rules/schema/index';

const DOCS = join(__dirname, '../../../../docs/rules');

function examples(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`## ${heading}\n`);
  if (start < 0) return [];
  const rest = markdown.slice(start + heading.length + 4);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

for (const rule of canaryRules) {
  const id = rule.meta.id;
  test(`docs/rules/${id}.md: failing examples fail, passing ones pass`, () => {
    const file = join(DOCS, `${id}.md`);
    assert.ok(existsSync(file), `${file} exists`);
    const md = readFileSync(file, 'utf8');
    assert.match(md, new RegExp(`^# ${id.replace('/', '\\/')}\\n`));
    assert.match(md, /## Why it matters\n/);
    assert.match(md, /## Options\n/);
    const failing = examples(md, 'Failing');
    const passing = examples(md, 'Passing');
    assert.ok(failing.length > 0 && passing.length > 0, 'a failing and a passing example');
    for (const code of failing) {
      const r = lintText(code, { rules: [rule] });
      assert.deepEqual(r.file.findings, [], `the failing example does not parse:\n${code}`);
      assert.ok(
        r.findings.some((f) => f.rule === id),
        `no ${id} finding for:\n${code}`,
      );
    }
    for (const code of passing) {
      const r = lintText(code, { rules: [rule, ...schemaRules] });
      assert.deepEqual(
        r.findings.map((f) => `${f.rule}: ${f.message}`),
        [],
        `findings for the passing example:\n${code}`,
      );
    }
  });
}
