/**
 * The direct conversion schema validation uses must give exactly what yaml's `doc.toJS()` gives
 * (same values, same key order, same own properties), or hand the document back to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../../src/core/parse/parseFile';
import { plainValueOf } from '../../../src/core/parse/plainValue';
import * as argoFlaggerCases from '../rules/schema/argoFlaggerCases';
import { SCHEMAS } from '../../../src/core/schema/schemaValidator';
import { compiledValidator } from '../../../src/core/schema/compiledValidators';
import { mapAjvErrors } from '../../../src/core/schema/ajvErrorMapping';

/** Same structure, key order and own keys (deepStrictEqual alone ignores order). */
function assertSameAsYaml(text: string, label: string): 'direct' | 'yaml' {
  let direct = 0;
  for (const { doc } of parseFile(text).documents) {
    const fast = plainValueOf(doc);
    if (!fast) continue;
    direct++;
    const expected = doc.toJS({ maxAliasCount: 100 });
    assert.deepStrictEqual(fast.value, expected, label);
    assert.equal(ordered(fast.value), ordered(expected), `${label}: key order`);
  }
  return direct > 0 ? 'direct' : 'yaml';
}

function ordered(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(ordered).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Reflect.ownKeys(v)
      .map((k) => `${String(k)}:${ordered((v as Record<string | symbol, unknown>)[k])}`)
      .join(',')}}`;
  return `${typeof v}:${String(v)}`;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

test('every example and fixture converts as yaml converts it', () => {
  const files = [...yamlFiles('examples'), ...yamlFiles('test')];
  assert.ok(files.length > 10);
  let direct = 0;
  for (const f of files) if (assertSameAsYaml(readFileSync(f, 'utf8'), f) === 'direct') direct++;
  assert.ok(direct > 10, 'the direct conversion handles ordinary manifests');
  for (const [name, text] of Object.entries(argoFlaggerCases))
    if (typeof text === 'string') assert.equal(assertSameAsYaml(text, name), 'direct', name);
});

test('edge keys and scalars: inherited names, numbers, booleans, null, quoted, flow', () => {
  const text = [
    'constructor: 1',
    '__proto__: {polluted: true}',
    'toString: x',
    '1: one',
    '2.5: two',
    'true: yes',
    'null: nothing',
    '~: tilde',
    '"quoted": "v"',
    "'single': 'v'",
    'empty:',
    'flow: {a: [1, 2, {b: c}], "d": null}',
    'pairs: [a: 1, b]',
    'list:',
    '- - nested',
    '  - 0x1F',
    '- !!str 12',
    '- .inf',
    'block: |',
    '  text',
    '',
  ].join('\n');
  assert.equal(assertSameAsYaml(text, 'edge'), 'direct');
  const value = plainValueOf(parseFile(text).documents[0].doc)!.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype, 'no prototype pollution');
  assert.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: true });
});

test('aliases, merge keys, collection keys and YAML 1.1 types are left to yaml', () => {
  const cases = [
    'a: &x {b: 1}\nc: *x\n',
    'base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n',
    '? [a, b]\n: v\n',
    '? {a: 1}\n: v\n',
    '%YAML 1.1\n---\nwhen: 2001-12-14\n',
    '"<<": quoted\n',
  ];
  for (const text of cases) {
    const docs = parseFile(text).documents;
    assert.equal(docs.length, 1, text);
    assert.equal(plainValueOf(docs[0].doc), undefined, text);
  }
});

test('empty and scalar documents', () => {
  for (const text of ['# only a comment\n', 'just a string\n', '42\n', '[]\n', '{}\n'])
    assertSameAsYaml(text, JSON.stringify(text));
});

/** The issues a schema finds in a value (the validator's own errors, mapped as the rules see them). */
function issuesOf(kind: keyof typeof SCHEMAS, value: unknown, doc: Parameters<typeof mapAjvErrors>[1]) {
  const validate = compiledValidator(kind, SCHEMAS[kind]);
  if (validate(value)) return [];
  return mapAjvErrors(validate.errors ?? [], doc, { native: kind === 'canary' || kind === 'synthetic' });
}

test('maps the schema accepts whole are left empty, and every schema finds the same issues', () => {
  const texts = [...yamlFiles('examples'), ...yamlFiles('test')].map((f) => readFileSync(f, 'utf8'));
  for (const text of Object.values(argoFlaggerCases)) if (typeof text === 'string') texts.push(text);
  // Typos inside and beside the parts left empty.
  texts.push(
    argoFlaggerCases.ARGO_CANARY.replace('replicas: 5', 'replicas: five').replace('  template:', '  tempalte:'),
  );
  let pruned = 0;
  for (const text of texts) {
    for (const { doc, kind } of parseFile(text).documents) {
      if (!kind) continue;
      const fast = plainValueOf(doc, SCHEMAS[kind]);
      if (!fast) continue;
      const full = doc.toJS({ maxAliasCount: 100 });
      if (JSON.stringify(fast.value) !== JSON.stringify(full)) pruned++;
      assert.deepStrictEqual(issuesOf(kind, fast.value, doc), issuesOf(kind, full, doc), text.slice(0, 80));
    }
  }
  assert.ok(pruned > 5, 'pod templates and metadata are not copied');
  const rollout = parseFile(argoFlaggerCases.ARGO_CANARY).documents[0];
  const value = plainValueOf(rollout.doc, SCHEMAS['argo-rollout'])!.value as { spec: { template: object } };
  assert.deepEqual(value.spec.template, {});
});

test('an alias inside a part left empty still sends the document to yaml (alias bombs are counted there)', () => {
  const text =
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  labels: &l {a: b}\n  annotations: *l\nspec: {}\n';
  const { doc, kind } = parseFile(text).documents[0];
  assert.equal(kind, 'argo-rollout');
  assert.equal(plainValueOf(doc, SCHEMAS['argo-rollout']), undefined);
});
