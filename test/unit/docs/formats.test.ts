/**
 * docs/formats/ is the reference of the native formats: every key their JSON Schemas accept is
 * documented there, and the full example at the top of each page lints clean (people copy it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';

const ROOT = join(__dirname, '..', '..', '..');

/** Every property name a schema accepts, wherever it sits (definitions included). */
function schemaKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) schemaKeys(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object') for (const name of Object.keys(v)) out.add(name);
      schemaKeys(v, out);
    }
  }
  return out;
}

for (const format of ['canary', 'synthetic'] as const) {
  const page = readFileSync(join(ROOT, 'docs', 'formats', `${format}.md`), 'utf8');
  const schema = JSON.parse(readFileSync(join(ROOT, 'src', 'core', 'schema', `${format}.schema.json`), 'utf8'));

  test(`docs/formats/${format}.md documents every key of ${format}.schema.json`, () => {
    const keys = [...schemaKeys(schema)];
    assert.ok(keys.length > 10, 'the schema walk found the keys');
    const missing = keys.filter((k) => !page.includes(`\`${k}\``));
    assert.deepEqual(missing, [], `write these keys into docs/formats/${format}.md`);
  });

  test(`docs/formats/${format}.md: the full example lints clean`, () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(page)?.[1];
    assert.ok(example?.startsWith(`${format}:\n`), 'the page opens with a full example');
    const r = lintText(example ?? '');
    assert.deepEqual(r.internalErrors, []);
    assert.deepEqual(
      r.findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
}
