// esbuild plugins for the extension's bundle, which VS Code compiles and evaluates on every
// activation: whatever is not needed to register providers stays out of it until first use.
//
// - vscodeApiOnce: `import * as vscode from 'vscode'` in 30 files made esbuild wrap the API object
//   30 times (a getter per API name each time). One module reads the API once and every file
//   shares its named exports.
// - lazyChunk: a module is replaced by a stand-in that requires a separate file of dist/ on first
//   use. The precompiled schema validators (600 KB) are only needed when a kind is first linted;
//   undici only when a source names a CA or the environment a proxy (it is already imported with
//   `import()`, so its stand-in is only evaluated then).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The top-level names of the VS Code API, from @types/vscode (namespaces, classes, enums, consts). */
function vscodeApiNames() {
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set();
  for (const m of dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) names.add(m[1]);
  return [...names].sort();
}

export function vscodeApiOnce() {
  return {
    name: 'vscode-api-once',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, (args) =>
        args.namespace === 'vscode-api'
          ? { path: 'vscode', external: true }
          : { path: 'vscode', namespace: 'vscode-api' },
      );
      build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
        contents: `import * as api from 'vscode';\nexport const { ${vscodeApiNames().join(', ')} } = api;\n`,
        loader: 'js',
      }));
    },
  };
}

/**
 * `filter` matches the import path (onResolve) of the module to move out; `file` is its bundle in
 * dist/, next to the extension's, built by the caller. The stand-in requires it on first access
 * of any export.
 */
export function lazyChunk(name, { filter, file, exports }) {
  return {
    name: `lazy-${name}`,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: name, namespace: 'lazy-chunk' }));
      build.onLoad({ filter: new RegExp(`^${name}$`), namespace: 'lazy-chunk' }, () => ({
        contents: exports
          ? `let chunk;\nconst load = () => (chunk ??= require(require('node:path').join(__dirname, ${JSON.stringify(file)})));\n` +
            exports.map((e) => `exports.${e} = (...args) => load().${e}(...args);`).join('\n')
          : `module.exports = require(require('node:path').join(__dirname, ${JSON.stringify(file)}));`,
        loader: 'js',
      }));
    },
  };
}
