/**
 * Renders the built webview bundle (dist/webview.js + dist/webview.css) in headless Debian
 * Chromium, inside the same HTML shell and CSP the extension host serves, from a local HTTP server
 * on 127.0.0.1. `acquireVsCodeApi` is a small stand-in that records what the webview posts.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderWebviewHtml } from '../../../src/extension/panel/webviewHtml';
import type { HostMessage, WebviewMessage } from '../../../src/shared/panel/messages';
import { THEMES, type ThemeName } from './themes';

const DIST = join(__dirname, '..', '..', '..', 'dist');

export interface PanelHarness {
  page: Page;
  html: string;
  cspViolations: string[];
  pageErrors: string[];
  post(message: HostMessage | unknown): Promise<void>;
  posted(): Promise<WebviewMessage[]>;
  setTheme(name: ThemeName): Promise<void>;
  close(): Promise<void>;
}

export async function openPanel(
  options: { width?: number; height?: number; theme?: ThemeName } = {},
): Promise<PanelHarness> {
  for (const f of ['webview.js', 'webview.css']) {
    if (!existsSync(join(DIST, f))) throw new Error(`dist/${f} is missing: run "npm run build" first`);
  }
  let html = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/webview.js' || path === '/webview.css') {
      res
        .writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/css' })
        .end(readFileSync(join(DIST, path.slice(1))));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  html = renderWebviewHtml({ cspSource: origin, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css` });

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 30_000,
    });
    const page = await browser.newPage({
      viewport: { width: options.width ?? 360, height: options.height ?? 1100 },
      deviceScaleFactor: 1,
    });
    const cspViolations: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // A string, not a function: tsx would wrap a function's inner closures in its `__name` helper,
    // which does not exist in the page.
    await page.addInitScript(`
      window.__posted = [];
      window.__state = undefined;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      });`);
    await page.goto(origin, { waitUntil: 'load', timeout: 30_000 });
    const harness: PanelHarness = {
      page,
      html,
      cspViolations,
      pageErrors,
      async post(message) {
        await page.evaluate((m) => window.postMessage(m, '*'), message as object);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      },
      async posted() {
        return page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted.slice());
      },
      async setTheme(name) {
        const t = THEMES[name];
        await page.evaluate((theme) => {
          const root = document.documentElement;
          for (const [k, v] of Object.entries(theme.vars)) root.style.setProperty(k, v);
          root.style.background = theme.vars['--vscode-sideBar-background'] ?? '';
          document.body.className = theme.bodyClass;
        }, t);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      },
      async close() {
        await browser?.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
    await harness.setTheme(options.theme ?? 'dark');
    return harness;
  } catch (e) {
    await browser?.close();
    server.close();
    throw e;
  }
}
