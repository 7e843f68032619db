/**
 * The "Canary" webview view in the "Release Safety" activity-bar container. It only shows the
 * watch controller's state: a snapshot when the webview is (re)loaded or the watch changes, one
 * delta per reading, and it forwards the webview's validated requests. Disposing the view (the
 * user closes or hides it) disposes its listeners only; the watch and the status bar go on.
 */
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../shared/panel/messages';
import { renderWebviewHtml } from './webviewHtml';
import type { WatchController } from './watchController';

export const CANARY_VIEW_ID = 'releaseSafety.canary';

export class CanaryViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private _disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: WatchController,
    private readonly log: vscode.OutputChannel,
  ) {}

  /** True once VS Code has resolved the view (tests and the status bar's click rely on it). */
  get isResolved(): boolean {
    return this.view !== undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeListeners();
    this.view = view;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    view.webview.html = renderWebviewHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    this._disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      this.controller.onDidChangeState(() => this.post({ type: 'state', state: this.controller.snapshot() })),
      this.controller.onDidRead((e) => this.post({ type: 'reading', reading: e.view, backoffMs: e.backoffMs })),
      view.onDidDispose(() => {
        this.disposeListeners();
        this.view = undefined;
      }),
    );
  }

  dispose(): void {
    this.disposeListeners();
  }

  private post(message: HostMessage): void {
    // A hidden view has no webview to receive deltas; it asks for a snapshot ('ready') when shown.
    if (this.view?.visible) void this.view.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.appendLine(`[canary panel] ignored a message from the webview: ${parsed.error}`);
      return;
    }
    void this.handle(parsed.message);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.view)
          void this.view.webview.postMessage({
            type: 'state',
            state: this.controller.snapshot(),
          } satisfies HostMessage);
        return;
      case 'pause':
        return this.controller.pause();
      case 'resume':
        return this.controller.resume();
      case 'stop':
        return this.controller.stop();
      case 'refreshConfigs':
        return this.controller.refreshConfigs();
      case 'watch': {
        const target = this.controller.findListed(m.uri);
        if (!target) return this.log.appendLine('[canary panel] ignored "watch" for a config that is not listed');
        const problem = await this.controller.watch(target.fileUri, target.docIndex);
        if (problem) void vscode.window.showWarningMessage(problem);
        return;
      }
      case 'openConfig': {
        const target = this.controller.findListed(m.uri);
        if (!target) return this.log.appendLine('[canary panel] ignored "openConfig" for a config that is not listed');
        await vscode.window.showTextDocument(target.fileUri, { preview: false });
        return;
      }
    }
  }

  private disposeListeners(): void {
    for (const d of this._disposables.splice(0)) d.dispose();
  }
}

export function registerCanaryView(
  context: vscode.ExtensionContext,
  controller: WatchController,
  log: vscode.OutputChannel,
): CanaryViewProvider {
  const provider = new CanaryViewProvider(context.extensionUri, controller, log);
  context.subscriptions.push(provider, vscode.window.registerWebviewViewProvider(CANARY_VIEW_ID, provider));
  return provider;
}
