// Bundles the extension, the CLI and (when present) the webview with esbuild.
// `vscode` stays external: the editor provides it. playwright-core stays external so that it is
// loaded lazily, only when a browser journey runs.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { precompiledSchemasPlugin, precompiledValidatorsModule } from './precompileSchemas.mjs';
import { lazyChunk, vscodeApiOnce } from './editorBundle.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode', 'playwright-core'],
  // The JSON Schemas' validators are compiled here, not on the first lint (precompileSchemas.mjs).
  plugins: [precompiledSchemasPlugin(process.cwd())],
  // The CLI's --version and SARIF's tool.driver.version come from package.json.
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};
/** The extension's bundle and its chunks: each chunk's own module is bundled in, the others required. */
function editorPlugins(self) {
  const chunks = {
    journeyRun: { filter: /[\\/]journeyRun$/, file: 'journeyRun.js' },
    canaryWatcher: { filter: /[\\/]coreWatcher$/, file: 'canaryWatcher.js' },
    'schema-validators': {
      filter: /[\\/]compiledValidators$/,
      file: 'schemaValidators.js',
      exports: ['compiledValidator'],
    },
    undici: { filter: /^undici$/, file: 'undici.js' },
  };
  return [
    vscodeApiOnce(),
    ...Object.entries(chunks)
      .filter(([name]) => name !== self)
      .map(([name, chunk]) => lazyChunk(name, chunk)),
  ];
}
const entries = [{ entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' }];
if (existsSync('src/extension/extension.ts'))
  entries.push(
    // Evaluated on every activation: the less to parse, the sooner the editor answers
    // (scripts/editorBundle.mjs). What is not needed to register providers is in lazy chunks.
    {
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      minify: true,
      plugins: editorPlugins(),
    },
    {
      entryPoints: ['src/extension/journeys/journeyRun.ts'],
      outfile: 'dist/journeyRun.js',
      minify: true,
      plugins: editorPlugins('journeyRun'),
    },
    {
      entryPoints: ['src/extension/panel/coreWatcher.ts'],
      outfile: 'dist/canaryWatcher.js',
      minify: true,
      plugins: editorPlugins('canaryWatcher'),
    },
    {
      stdin: {
        contents: precompiledValidatorsModule(join(process.cwd(), 'src/core/schema')),
        resolveDir: process.cwd(),
        loader: 'js',
      },
      outfile: 'dist/schemaValidators.js',
      minify: true,
    },
    {
      stdin: { contents: "module.exports = require('undici');", resolveDir: process.cwd() },
      outfile: 'dist/undici.js',
      minify: true,
    },
  );
// Large documents are linted on a worker thread (src/extension/backgroundLint/), from its own bundle.
if (existsSync('src/extension/backgroundLint/lintWorker.ts'))
  entries.push({
    entryPoints: ['src/extension/backgroundLint/lintWorker.ts'],
    outfile: 'dist/lintWorker.js',
    minify: true,
  });
if (existsSync('src/demo/main.ts'))
  entries.push({ entryPoints: ['src/demo/main.ts'], outfile: 'dist/demo-services.js' });
if (existsSync('webview/main.ts'))
  entries.push({
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
    minify: true,
  }); // the webview loads it on every show: keep it small
await Promise.all(entries.map((e) => build({ ...common, ...e })));
console.log(`[build] ${entries.map((e) => e.outfile).join(', ')}`);
