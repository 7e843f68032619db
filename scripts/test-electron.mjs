// `npm run test:electron`: the same suite as `npm run test:vscode`, in desktop VS Code downloaded by
// @vscode/test-electron. Needs internet (update.code.visualstudio.com), so CI here uses path B
// (scripts/test-vscode.mjs) instead; this is for developers with a desktop and a network.
//   node scripts/test-electron.mjs [--version stable|1.9x.y]
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildVSCodeTests } from './test-vscode.mjs';
import { repoRoot, tempDir, removeDir } from './test-vscode-harness.mjs';

const args = process.argv.slice(2);
const version = args.includes('--version') ? args[args.indexOf('--version') + 1] : 'stable';

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  const testsDir = await buildVSCodeTests();
  const root = tempDir('electron');
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  if (existsSync(join(repoRoot, 'examples')))
    cpSync(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
  cpSync(join(repoRoot, 'test/vscode/fixtures'), join(workspace, 'fixtures'), { recursive: true });
  try {
    await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(testsDir, 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--user-data-dir',
        join(root, 'user'),
      ],
    });
    return 0;
  } catch (e) {
    console.error(`[test:electron] ${e.message ?? e}`);
    if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(String(e))) {
      console.error(
        '[test:electron] VS Code could not be downloaded (no internet?). Use `npm run test:vscode`, which runs the same suite in the local VS Code server.',
      );
    }
    return 1;
  } finally {
    removeDir(root);
  }
}

main().then((code) => process.exit(code));
