/**
 * Finds a Chrome, Chromium or Edge already on the machine and starts it through playwright-core.
 * playwright-core is imported here only, and this file is imported only when a browser journey
 * runs: API journeys, the CLI's lint and the editor's start never load it.
 * No browser is ever downloaded: the user's own is driven.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { BrowserProxy } from '../net/proxyEnv';
import { canTrustForBrowser, prepareBrowserTrust, type BrowserTrust } from './browserTrust';

/**
 * Flags for a browser that runs unattended: no GPU (servers and CI have none), no QUIC (loopback
 * test servers speak TCP), and nothing that phones home (sync, component updates, background
 * networking) so a journey's only traffic is its own. --no-sandbox: CI containers run as root,
 * where Chromium's sandbox cannot start.
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function browserCandidates(platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin')
    return ['Google Chrome', 'Chromium', 'Microsoft Edge', 'Google Chrome Canary'].map(
      (app) => `/Applications/${app}.app/Contents/MacOS/${app}`,
    );
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
  ];
}

/** The browser to drive: the configured path (which must exist), else the first one found. */
export function findBrowser(browserPath?: string): { ok: true; path: string } | { ok: false; message: string } {
  if (browserPath) {
    if (existsSync(browserPath)) return { ok: true, path: browserPath };
    return {
      ok: false,
      message: `the browser path "${browserPath}" does not exist: fix releaseSafety.browserPath (or RELEASE_SAFETY_BROWSER_PATH), or clear it to auto-detect Chrome, Chromium or Edge`,
    };
  }
  const found = browserCandidates().find((p) => existsSync(p));
  if (found) return { ok: true, path: found };
  return {
    ok: false,
    message:
      'no Chrome, Chromium or Edge was found on this machine: install one (Debian/Ubuntu: apt-get install chromium) or set releaseSafety.browserPath (CLI: RELEASE_SAFETY_BROWSER_PATH) to its executable',
  };
}

type Chromium = typeof import('playwright-core').chromium;

async function loadChromium(): Promise<Chromium> {
  let mod: { chromium?: Chromium; default?: { chromium?: Chromium } };
  try {
    mod = (await import('playwright-core')) as typeof mod;
  } catch {
    throw new Error(
      'browser journeys need the npm package playwright-core, which is not installed: run npm install in the extension or CLI folder',
    );
  }
  const chromium = mod.chromium ?? mod.default?.chromium;
  if (!chromium) throw new Error('playwright-core was found but has no chromium launcher: reinstall it');
  return chromium;
}

export interface LaunchOptions {
  browserPath?: string;
  headed?: boolean;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY as Playwright's `proxy` (credentials in its own fields). */
  proxy?: BrowserProxy;
  /** Extra trusted authorities (PEM each, from --cacert): on Linux, an NSS database in a throwaway HOME. */
  ca?: readonly string[];
}

/**
 * The environment for a browser started with a throwaway HOME: everything else is the user's,
 * and X11's cookie is still found where HOME used to point (a headed run needs it).
 */
function envWithHome(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  if (!env.XAUTHORITY && env.HOME) env.XAUTHORITY = join(env.HOME, '.Xauthority');
  env.HOME = home;
  return env;
}

export async function launchBrowser(options: LaunchOptions, signal: AbortSignal): Promise<Browser> {
  const found = findBrowser(options.browserPath);
  if (!found.ok) throw new Error(found.message);
  if (options.headed && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    throw new Error(
      'a headed run needs a display, and this session has none (no DISPLAY): run headless, or start the editor in a desktop session',
    );
  const chromium = await loadChromium();
  const trust: BrowserTrust | undefined =
    options.ca?.length && canTrustForBrowser() ? await prepareBrowserTrust(options.ca, signal) : undefined;
  const launching = chromium.launch({
    executablePath: found.path,
    headless: !options.headed,
    args: options.headed ? BROWSER_ARGS : ['--headless', ...BROWSER_ARGS],
    timeout: 30_000,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(trust ? { env: envWithHome(trust.home) } : {}),
  });
  const removeTrust = () => trust?.remove();
  // Launch has no AbortSignal: race it, and close a browser that arrives after a cancellation.
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(new Error('cancelled while the browser was starting'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const browser = await Promise.race([launching, aborted]);
    // Closed or crashed, the browser no longer needs its throwaway HOME.
    browser.on('disconnected', removeTrust);
    return browser;
  } catch (e) {
    launching
      .then(
        (b) => b.close(),
        () => undefined,
      )
      .finally(removeTrust);
    const msg = (e as Error).message.split('\n')[0];
    if (/cancelled/.test(msg)) throw e;
    throw new Error(
      `the browser at ${found.path} did not start: ${msg}. Check that it runs on this machine, or set releaseSafety.browserPath to another one`,
    );
  }
}
