/**
 * The canary's status-bar item: `$(pulse) checkout 25% · healthy`, red on breach, yellow while
 * stale, inconclusive or paused, a tooltip with the gates; a click opens the panel. Hidden when
 * nothing is watched.
 */
import * as vscode from 'vscode';
import { statusText, type StatusText } from './statusText';
import type { WatchController } from './watchController';

export function registerCanaryStatusBar(
  context: vscode.ExtensionContext,
  controller: WatchController,
): { item: vscode.StatusBarItem; shown(): StatusText | undefined } {
  let shown: StatusText | undefined;
  const item = vscode.window.createStatusBarItem('releaseSafety.canaryStatus', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Release Safety: canary';
  item.command = 'releaseSafety.canary.focus';
  const update = () => {
    const w = controller.watched;
    if (!w) {
      shown = undefined;
      item.hide();
      return;
    }
    const s = statusText(w.service, w.last?.raw, w.paused);
    shown = s;
    item.text = s.text;
    item.backgroundColor =
      s.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : s.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    const tooltip = new vscode.MarkdownString(s.tooltip);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: s.text.replace('$(pulse) ', 'Canary ') };
    item.show();
  };
  context.subscriptions.push(item, controller.onDidChangeState(update), controller.onDidRead(update));
  update();
  return { item, shown: () => shown };
}
