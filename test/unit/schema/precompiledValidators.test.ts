/**
 * The bundles validate with code that ajv generated at build time (scripts/precompileSchemas.mjs);
 * tests and tsx compile the same schemas at run time. Both must say exactly the same thing about
 * every document, valid or not, and every *.schema.json of the folder must be built.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { compiledValidator } from '../../../src/core/schema/compiledValidators';
import { SCHEMAS } from '../../../src/core/schema/schemaValidator';
import { SPEC_CANARY, SPEC_SYNTHETIC } from '../../fixtures/specExamples';

const ROOT = resolve(__dirname, '..', '..', '..');
const SCHEMA_DIR = join(ROOT, 'src/core/schema');

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

async function precompiled(): Promise<(name: string) => Validate> {
  const { precompiledValidatorsModule } = (await import(join(ROOT, 'scripts/precompileSchemas.mjs'))) as {
    precompiledValidatorsModule(dir: string): string;
  };
  const code = precompiledValidatorsModule(SCHEMA_DIR);
  const mod = { exports: {} as { compiledValidator(name: string): Validate } };
  // As the bundle runs it: a CommonJS module whose requires resolve from the repository.
  new Function('exports', 'require', 'module', code)(mod.exports, createRequire(join(ROOT, 'package.json')), mod);
  return mod.exports.compiledValidator;
}

function same(name: string, built: Validate, data: unknown): void {
  const runtime = compiledValidator(name, SCHEMAS[name as keyof typeof SCHEMAS]) as Validate;
  assert.equal(built(data), runtime(data), JSON.stringify(data));
  assert.deepEqual(built.errors ?? null, runtime.errors ?? null);
}

test('every *.schema.json is built, and an unknown name says to rebuild', async () => {
  const get = await precompiled();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')))
    assert.equal(typeof get(file.replace('.schema.json', '')), 'function', file);
  assert.throws(() => get('nope'), /No validator was built for nope\.schema\.json: rebuild/);
});

test('precompiled and run-time validators agree on the spec examples and on mangled copies of them', async () => {
  const get = await precompiled();
  const canary = parse(SPEC_CANARY) as Record<string, unknown>;
  const synthetic = parse(SPEC_SYNTHETIC) as Record<string, unknown>;
  same('canary', get('canary'), canary);
  same('synthetic', get('synthetic'), synthetic);
  // Random values put at random places: wrong types, unknown keys, bad enums, missing parts.
  const junk = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constantFrom('rollback', 'pause', '5m', '<= 1%', 'GET /', 'slack:#x'),
  );
  const mangle = (value: unknown, path: number[], replacement: unknown): unknown => {
    if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) return replacement;
    const [k] = entries[path[0] % entries.length];
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
    (copy as Record<string, unknown>)[k] = mangle((value as Record<string, unknown>)[k], path.slice(1), replacement);
    return copy;
  };
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(fc.nat(20), { maxLength: 6 }),
      junk,
      fc.boolean(),
      (isCanary, path, replacement, extraKey) => {
        const name = isCanary ? 'canary' : 'synthetic';
        const data = mangle(isCanary ? canary : synthetic, path, replacement) as Record<string, unknown>;
        same(name, get(name), extraKey && data && typeof data === 'object' ? { ...data, intervall: '5m' } : data);
      },
    ),
    { seed: 20261202, numRuns: 300 },
  );
});
