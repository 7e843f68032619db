// Bundles the extension, the CLI and (when present) the webview with esbuild.
// `vscode` stays external: the editor provides it. playwright-core stays external so that it is
// loaded lazily, only when a browser journey runs.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode', 'playwright-core'],
  // The CLI's --version and SARIF's tool.driver.version come from package.json.
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};
const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];
if (existsSync('src/extension/extension.ts')) entries.push({ entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' });
if (existsSync('src/demo/main.ts')) entries.push({ entryPoints: ['src/demo/main.ts'], outfile: 'dist/demo-services.js' });
if (existsSync('webview/main.ts')) entries.push({ entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', external: [], minify: true }); // the webview loads it on every show: keep it small
await Promise.all(entries.map((e) => build({ ...common, ...e })));
console.log(`[build] ${entries.map((e) => e.outfile).join(', ')}`);
