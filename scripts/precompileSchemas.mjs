// Compiles every src/core/schema/*.schema.json with ajv at build time (ajv's "standalone" code) into
// one CommonJS module that stands in for src/core/schema/compiledValidators.ts in the bundles: the
// same `compiledValidator(name, schema)` export, with no ajv compiler behind it. New schema files in
// that folder are picked up by their name (`argo.schema.json` -> "argo"), nothing to register.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const built = new Map();

/** The module's source, compiled once per build whichever bundle asks first. */
export function precompiledValidatorsModule(schemaDir) {
  if (!built.has(schemaDir)) built.set(schemaDir, compileValidatorsModule(schemaDir));
  return built.get(schemaDir);
}

function compileValidatorsModule(schemaDir) {
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const options = JSON.parse(readFileSync(join(schemaDir, 'ajvOptions.json'), 'utf8'));
  const ajv = new Ajv({ ...options, code: { source: true } });
  const names = {};
  for (const file of readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    const name = file.slice(0, -'.schema.json'.length);
    if (!/^[A-Za-z][\w-]*$/.test(name))
      throw new Error(
        `${file}: a schema file name must be NAME.schema.json with NAME made of letters, digits, - and _`,
      );
    const key = `release-safety:${name}`;
    ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')), key);
    names[name] = key;
  }
  // standaloneCode exports each validator under an identifier; map them back to file names.
  const ids = Object.fromEntries(Object.keys(names).map((n, i) => [`v${i}`, names[n]]));
  const code = standaloneCode(ajv, ids);
  const table = Object.keys(names)
    .map((n, i) => `${JSON.stringify(n)}: exports.v${i}`)
    .join(', ');
  return `${code}
const precompiled = { ${table} };
exports.compiledValidator = function compiledValidator(name) {
  const validate = precompiled[name];
  if (!validate) throw new Error('No validator was built for ' + name + '.schema.json: rebuild (npm run build).');
  return validate;
};
`;
}

/** An esbuild plugin: compiledValidators.ts is replaced by the precompiled module. */
export function precompiledSchemasPlugin(root) {
  const schemaDir = join(root, 'src/core/schema');
  return {
    name: 'precompiled-schemas',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]core[\\/]schema[\\/]compiledValidators\.ts$/ }, () => {
        return {
          contents: precompiledValidatorsModule(schemaDir),
          loader: 'js',
          resolveDir: root,
          watchFiles: readdirSync(schemaDir).map((f) => join(schemaDir, f)),
        };
      });
    },
  };
}
