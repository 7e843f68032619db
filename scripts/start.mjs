// `npm start`: the whole product in a browser, for a newcomer without VS Code.
//  1. installs what it needs once (scripts/ensure-system-deps.sh: Node 24, code-server; cached),
//  2. builds the extension and packages release-safety.vsix,
//  3. starts the demo companions (COMPANIONS below) when their scripts exist,
//  4. copies examples/ to .vscode-test/start/examples (afresh each start: the checkout never
//     changes) with a .env of the demo's values,
//  5. starts the real VS Code from code-server on 127.0.0.1:8080 with the fresh .vsix installed,
//     Workspace Trust on and that copy open, and prints the URL. VS Code asks once whether to
//     trust the copy (the answer lives in the browser's storage, so only the browser can give it).
// Ctrl+C stops everything it started (each in its own process group).
//   PORT=8081 npm start      another port;   npm start -- --no-build   skip build and package
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  repoRoot,
  startCodeServer,
  startGroup,
  stopGroup,
  installVsix,
  vsixPath,
  requireSystemDeps,
  WORKBENCH_SETTINGS,
} from './test-vscode-harness.mjs';

const PORT = Number(process.env.PORT ?? 8080);
const HOST = '127.0.0.1';
// Kept between runs (in .vscode-test/, ignored by git): your open editors and settings survive;
// the first run writes quiet defaults (no AI chat, no welcome page, no update checks).
const DATA_ROOT = join(repoRoot, '.vscode-test', 'start');
const EXAMPLES = join(repoRoot, 'examples');
/** The folder VS Code opens: a copy of examples/, so that edits (and autosave) never touch the checkout. */
const WORKSPACE = join(DATA_ROOT, 'examples');
const DEMO_API_PORT = process.env.RELEASE_SAFETY_DEMO_API_PORT ?? '8787';

/**
 * The demo's values. `${env:..}` ones go to the copy's .env; the secrets are what the demo API
 * accepts (a wrong one makes the journey fail), entered when VS Code asks and kept in its secret
 * storage, never in a file.
 */
const DEMO_ENV = { SYNTHETIC_USER: 'me@example.com' };
export const DEMO_SECRETS = { API_TOKEN: 'demo', SYNTHETIC_PASS: 'demo' };

/**
 * Workspace Trust stays on: journeys and canary polling run only in a trusted folder. The startup
 * question names the copy (and nothing above it unless its checkbox is ticked). The copy lives
 * inside this checkout, whose git repository is not the demo's business.
 */
const START_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
  'security.workspace.trust.banner': 'always',
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Demo services started next to VS Code when their script exists on this checkout: the canary
 * endpoints the live panel watches (a canary and a baseline serving Prometheus metrics) and an API
 * for the example journeys. Each runs with Node in its own process group; add a line to add one.
 */
export const COMPANIONS = [
  // ports 9101/9102 (RELEASE_SAFETY_DEMO_STABLE_PORT / _CANARY_PORT), as examples/canary-demo.yaml expects
  { name: 'demo canary services', script: 'scripts/demo-services.mjs', args: [], env: {} },
  // port 8787, as examples/synthetic.yaml expects; its PORT must not be the one VS Code gets here
  // API_TOKEN / SYNTHETIC_PASS: the demo API then checks the secrets the journeys send.
  {
    name: 'demo API for journeys',
    script: 'scripts/demo-api.mjs',
    args: [],
    env: { PORT: DEMO_API_PORT, ...DEMO_SECRETS },
  },
];

/** The file opened first (the first that exists). */
const FIRST_FILES = ['mistakes/canary-analysis.yaml', 'mistakes/synthetic.yaml', 'canary-analysis.yaml'];

const started = [];
let stopping = false;

function step(label, cmd, args) {
  console.log(`[start] ${label}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] "${label}" failed (exit ${r.status ?? r.signal}); nothing was started.`);
    process.exit(1);
  }
}

function startCompanions() {
  for (const c of COMPANIONS) {
    if (!existsSync(join(repoRoot, c.script))) continue;
    const child = startGroup(process.execPath, [c.script, ...c.args], {
      env: { PORT: '', ...c.env },
      log: (d) => process.stdout.write(d.replace(/^(?=.)/gm, `[${c.name}] `)),
    });
    child.on('exit', (code, signal) => {
      if (!stopping) console.error(`[start] ${c.name} stopped (${signal ?? `exit ${code}`}); VS Code keeps running.`);
    });
    started.push({ name: c.name, child });
    console.log(`[start] ${c.name}: ${c.script} (pid ${child.pid})`);
  }
}

/** A fresh copy of examples/ with the demo's .env; the demo API's port where it is not 8787. */
function copyExamples() {
  rmSync(WORKSPACE, { recursive: true, force: true });
  cpSync(EXAMPLES, WORKSPACE, { recursive: true });
  if (DEMO_API_PORT !== '8787') {
    const file = join(WORKSPACE, 'synthetic.yaml');
    if (existsSync(file))
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('127.0.0.1:8787', `127.0.0.1:${DEMO_API_PORT}`));
  }
  const secrets = Object.entries(DEMO_SECRETS)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  writeFileSync(
    join(WORKSPACE, '.env'),
    [
      '# Values for ${env:NAME} in the journeys of this folder (written by `npm start` for the demo).',
      '# Secrets (${secret:NAME}) never go in a file: VS Code asks for them once and keeps them in its',
      `# secret storage. The demo API accepts ${secrets}.`,
      ...Object.entries(DEMO_ENV).map(([k, v]) => `${k}=${v}`),
      '',
    ].join('\n'),
  );
}

/** User settings: the quiet defaults on the first run; Workspace Trust on at every run. */
function writeSettings() {
  const file = join(DATA_ROOT, 'user', 'User', 'settings.json');
  let settings = { ...WORKBENCH_SETTINGS };
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      console.warn(`[start] ${file} is not plain JSON; its Workspace Trust settings are left as they are.`);
      return;
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...settings, ...START_SETTINGS }, null, 2));
}

async function portIsFree(port) {
  try {
    await fetch(`http://${HOST}:${port}/`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch (e) {
    return e.cause?.code === 'ECONNREFUSED';
  }
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping everything it started...');
  await Promise.all(started.map((s) => stopGroup(s.child)));
  process.exit(code);
}

async function main() {
  const noBuild = process.argv.includes('--no-build');
  step('system dependencies (installed once, cached in ~/.cache/release-safety)', 'bash', [
    'scripts/ensure-system-deps.sh',
  ]);
  requireSystemDeps();
  if (!noBuild || !existsSync(vsixPath)) {
    step('build', process.execPath, ['scripts/build.mjs']);
    step('package release-safety.vsix', process.execPath, ['scripts/package.mjs']);
  }
  if (!(await portIsFree(PORT))) {
    console.error(
      `[start] ${HOST}:${PORT} is already in use (another \`npm start\`?). Stop it, or run: PORT=8081 npm start`,
    );
    process.exit(1);
  }
  mkdirSync(DATA_ROOT, { recursive: true });
  copyExamples();
  writeSettings();
  console.log(`[start] a copy of examples/ with the demo's .env: ${WORKSPACE}`);
  console.log('[start] installing the fresh .vsix into code-server');
  installVsix(DATA_ROOT);
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));
  startCompanions();
  console.log(`[start] starting VS Code (code-server) on ${HOST}:${PORT}`);
  const server = await startCodeServer({
    dataRoot: DATA_ROOT,
    port: PORT,
    host: HOST,
    workspaceTrust: true,
    log: (d) => {
      if (process.env.RELEASE_SAFETY_VERBOSE) process.stdout.write(d);
    },
  }).catch(async (e) => {
    console.error(`[start] VS Code did not start: ${e.message}`);
    await stopAll(1);
  });
  started.push({ name: 'code-server', child: server });
  server.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] code-server stopped (${signal ?? `exit ${code}`}).`);
      void stopAll(1);
    }
  });
  // Land on an example with mistakes, so the first screen already shows findings.
  const first = FIRST_FILES.map((f) => join(WORKSPACE, f)).find((f) => existsSync(f));
  const payload = first
    ? `&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://${HOST}:${PORT}${first}`]]))}`
    : '';
  const url = `http://${HOST}:${PORT}/?folder=${encodeURIComponent(WORKSPACE)}${payload}`;
  console.log(`\n  Release Safety in VS Code:  ${url}\n`);
  console.log(`  VS Code asks whether you trust the authors of ${WORKSPACE}: it is this copy, answer Yes.`);
  console.log('  Open a file under mistakes/ to see the findings; Ctrl+. on one for its quick fixes.');
  console.log(
    `  Run a journey of synthetic.yaml: when asked, enter ${Object.entries(DEMO_SECRETS)
      .map(([k, v]) => `${k} = ${v}`)
      .join(' and ')}.`,
  );
  console.log('  Press Ctrl+C to stop.\n');
}

main().catch(async (e) => {
  console.error(`[start] ${e.message}`);
  await stopAll(1);
});
