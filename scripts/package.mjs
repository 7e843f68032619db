// `npm run package`: builds release-safety.vsix with @vscode/vsce, run by the Node 24 that
// scripts/ensure-system-deps.sh installs (vsce needs Node 22 or newer; the project runs on 20).
// The bundles in dist/ hold every dependency (esbuild) but playwright-core, which stays external
// (loaded only when a browser journey starts): vsce packs the production dependencies and
// .vscodeignore keeps only playwright-core of them. (With --no-dependencies vsce packed none, and
// browser journeys failed in the installed extension with "playwright-core is not installed".) Prints the file's size and its largest entries.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { node24, repoRoot, vsixPath } from './test-vscode-harness.mjs';

const require = createRequire(import.meta.url);

export function packageVsix(out = vsixPath) {
  if (!existsSync(join(repoRoot, 'dist/extension.js')))
    throw new Error('dist/extension.js is missing: run `npm run build` first.');
  const node = existsSync(node24) ? node24 : process.execPath;
  if (node === process.execPath && Number(process.versions.node.split('.')[0]) < 22) {
    throw new Error(
      `@vscode/vsce needs Node 22 or newer and ${node24} is missing. Run: bash scripts/ensure-system-deps.sh`,
    );
  }
  const vsce = join(require.resolve('@vscode/vsce/package.json').replace(/package\.json$/, ''), 'vsce');
  const r = spawnSync(node, [vsce, 'package', '--skip-license', '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    // vsce asks questions on a terminal; with no stdin it must fail instead of waiting.
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  // The Marketplace shows what vsce warns about (a missing icon, a bad link...): a warning fails the package.
  const warnings = `${r.stdout}\n${r.stderr}`.split('\n').filter((line) => /\bWARNING\b/.test(line));
  if (warnings.length) throw new Error(`vsce package warned; fix these first:\n${warnings.join('\n')}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const out = packageVsix();
    console.log(`[package] ${out} (${(statSync(out).size / 1024).toFixed(0)} KB)`);
  } catch (e) {
    console.error(`[package] ${e.message}`);
    process.exit(1);
  }
}
