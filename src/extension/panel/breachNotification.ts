/**
 * Tells the user when the watched canary's verdict turns to breach: once per change (a canary
 * that stays in breach does not nag at every poll; one that recovers and breaches again does).
 */
import * as vscode from 'vscode';
import type { WatchController } from './watchController';
import type { Verdict } from '../../core/canary/verdict';

export function registerBreachNotification(context: vscode.ExtensionContext, controller: WatchController): void {
  let watchedKey: string | undefined;
  let lastVerdict: Verdict | undefined;
  context.subscriptions.push(
    controller.onDidChangeState(() => {
      const key = controller.watched?.key;
      if (key !== watchedKey) {
        watchedKey = key;
        lastVerdict = undefined;
      }
    }),
    controller.onDidRead(async ({ raw }) => {
      const before = lastVerdict;
      lastVerdict = raw.verdict;
      if (raw.verdict !== 'breach' || before === 'breach') return;
      const weight = raw.weight === null ? '' : ` at ${Math.round(raw.weight * 100) / 100}%`;
      const choice = await vscode.window.showErrorMessage(
        `Canary ${raw.service}${weight} is in breach: ${raw.reason}`,
        'Open panel',
      );
      if (choice === 'Open panel') await vscode.commands.executeCommand('releaseSafety.canary.focus');
    }),
  );
}
