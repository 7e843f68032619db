// `npm run test:vscode` (path B of real-vscode.md): runs test/vscode/suite/*.test.ts inside the
// extension host of a real VS Code 1.139 (the server bundled in code-server), driven by headless
// Chromium. The mocha output of the extension host comes back through the smoke-test driver's
// codeAutomationLog; the exit code is the one the test entry reports through codeAutomationExit.
//   node scripts/test-vscode.mjs [--grep PATTERN] [--keep] [--untrusted]    (--keep: keep the temp workspace)
// --untrusted runs test/vscode/untrusted/ instead, with Workspace Trust on: the folder opens in
// Restricted Mode, and a test that logs GRANT_TRUST_SIGNAL gets trust granted through the page.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import util from 'node:util';
import {
  repoRoot,
  requireSystemDeps,
  tempDir,
  removeDir,
  startVSCodeServer,
  stopGroup,
  launchChromium,
  grantWorkspaceTrust,
  scanPageForSecrets,
} from './test-vscode-harness.mjs';

/** The line a test logs to have the harness grant Workspace Trust in the page (as a user would). */
export const GRANT_TRUST_SIGNAL = '[release-safety-test] grant workspace trust';
/**
 * The line a test logs to have the page scanned for secrets: the harness reads the values from
 * WORKSPACE/.secret-scan/secrets.json and writes what it found to .secret-scan/page.json.
 */
export const SCAN_PAGE_SIGNAL = '[release-safety-test] scan the page for secrets';

const OVERALL_TIMEOUT_MS = Number(process.env.RELEASE_SAFETY_VSCODE_TIMEOUT_MS ?? 8 * 60_000);
const args = process.argv.slice(2);
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
const keep = args.includes('--keep');
const untrusted = args.includes('--untrusted');
const suiteName = untrusted ? 'untrusted' : 'suite';
const verbose = !!process.env.RELEASE_SAFETY_VSCODE_VERBOSE;
// The workbench's own chatter about features that need an account or the internet (offline here).
const WORKBENCH_NOISE =
  /^\[(ChatModelSelection|AgentHost|AgentHost:remote|AccountPolicyGate|Extension Host|Service Worker)\]|^Creating a socket|^Resolv(ing|ed) connection token|^Creation of workbench contribution|^Updating additional builtin|authentication provider 'github'|^\s+at .*workbench\.js|getaddrinfo ENOTFOUND|open-vsx\.org/;

/** Bundles the test entry and every suite file (one output file each) into out/vscode-test. */
export async function buildVSCodeTests(outDir = join(repoRoot, 'out/vscode-test'), suite = 'suite') {
  const suiteDir = join(repoRoot, 'test/vscode', suite);
  const suites = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(suiteDir, f));
  removeDir(outDir);
  await build({
    entryPoints: [join(repoRoot, 'test/vscode/index.ts'), ...suites],
    outdir: outDir,
    outbase: join(repoRoot, 'test/vscode'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // vscode is the host's; mocha is loaded from node_modules so that its globals are the ones the
    // runner installed before requiring the suite files.
    external: ['vscode', 'mocha'],
  });
  return outDir;
}

/** A throwaway workspace: examples/ and the test fixtures, so tests may edit and save freely. */
function makeWorkspace(root) {
  const ws = join(root, 'workspace');
  mkdirSync(ws, { recursive: true });
  if (existsSync(join(repoRoot, 'examples')))
    cpSync(join(repoRoot, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(join(repoRoot, 'test/vscode/fixtures'), join(ws, 'fixtures'), { recursive: true });
  return ws;
}

async function main() {
  requireSystemDeps();
  if (!existsSync(join(repoRoot, 'dist/extension.js')))
    throw new Error('dist/extension.js is missing: run `npm run build` first.');
  const started = Date.now();
  const testsDir = await buildVSCodeTests(
    join(repoRoot, untrusted ? 'out/vscode-test-untrusted' : 'out/vscode-test'),
    suiteName,
  );
  const root = tempDir('vscode');
  const workspace = makeWorkspace(root);
  const serverLog = [];
  let server;
  let browser;
  let exitCode = 1;
  const overall = setTimeout(() => {
    console.error(`[test:vscode] no result after ${OVERALL_TIMEOUT_MS / 1000}s; stopping VS Code.`);
    finish(124);
  }, OVERALL_TIMEOUT_MS);
  let resolveDone;
  const done = new Promise((r) => (resolveDone = r));
  function finish(code) {
    resolveDone(code);
  }
  // The extension host inherits the server's environment: that is how the test entry gets --grep.
  if (grep) process.env.RELEASE_SAFETY_TEST_GREP = grep;
  process.env.RELEASE_SAFETY_TEST_SUITE = suiteName;
  // Where the server keeps its logs (output channels included): the secret scan reads them.
  process.env.RELEASE_SAFETY_TEST_DATA_ROOT = root;
  try {
    server = await startVSCodeServer({
      dataRoot: root,
      workspaceTrust: untrusted,
      log: (d) => {
        serverLog.push(d);
        if (verbose) process.stderr.write(d);
      },
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    if (verbose) page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
    await page.exposeFunction('codeAutomationLog', (_type, logArgs) => {
      const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (verbose || !WORKBENCH_NOISE.test(line)) console.log(line);
      if (line.includes(SCAN_PAGE_SIGNAL)) {
        const dir = join(workspace, '.secret-scan');
        // Written aside and renamed: the test polls for page.json and must never read half of it.
        const answer = (result) => {
          writeFileSync(join(dir, 'page.json.tmp'), JSON.stringify(result));
          renameSync(join(dir, 'page.json.tmp'), join(dir, 'page.json'));
        };
        scanPageForSecrets(page, JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).then(answer, (e) =>
          answer({ error: e.message }),
        );
      }
      if (line.includes(GRANT_TRUST_SIGNAL)) {
        grantWorkspaceTrust(page).then(
          (how) => console.log(`[test:vscode] granted Workspace Trust in the page (${how})`),
          (e) => console.error(`[test:vscode] could not grant Workspace Trust: ${e.message}`),
        );
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(testsDir, 'index.js'))],
      ['skipWelcome', 'true'],
    ]);
    const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    console.log(`[test:vscode] VS Code server on 127.0.0.1:${server.port}, workspace ${workspace}`);
    await page.goto(url, { timeout: 60_000 });
    exitCode = await done;
  } catch (e) {
    console.error(`[test:vscode] ${e.message}`);
    if (serverLog.length)
      console.error(`[test:vscode] server log (last lines):\n${serverLog.join('').split('\n').slice(-30).join('\n')}`);
    exitCode = 1;
  } finally {
    clearTimeout(overall);
    await browser?.close().catch(() => {});
    await stopGroup(server?.child);
    if (!keep) removeDir(root);
  }
  console.log(`[test:vscode] exit ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return exitCode;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
