/**
 * The proxy for browser journeys in the editor. API steps need nothing from us: the extension
 * host's fetch already follows VS Code's proxy support. Chromium is a separate process, so it is
 * told the same proxy: `http.proxy` (and `http.noProxy`) when set, else the environment VS Code
 * was started with, as VS Code itself falls back to.
 */
import * as vscode from 'vscode';
import { browserProxyOf, proxyEnvOf, type BrowserProxy } from '../core/net/proxyEnv';

export function editorBrowserProxy(resource?: vscode.Uri): BrowserProxy | undefined {
  const http = vscode.workspace.getConfiguration('http', resource);
  const proxy = (http.get<string>('proxy') ?? '').trim();
  const fromEnv = proxyEnvOf(process.env);
  if (!proxy) return browserProxyOf(fromEnv);
  const noProxy = [...(http.get<string[]>('noProxy') ?? []), fromEnv.noProxy].filter(Boolean).join(',');
  return browserProxyOf({ httpProxy: proxy, httpsProxy: proxy, noProxy });
}
