/**
 * "Watch this canary" above each native canary that has a live `source:`; on the watched one,
 * its verdict and a way to the panel instead.
 */
import * as vscode from 'vscode';
import { RefreshableLensProvider } from '../refreshableLenses';
import { canaryDocuments, mayHoldCanary } from './canaryDocuments';
import type { WatchController } from './watchController';
import type { Verdict } from '../../core/canary/verdict';
import { parsedDocument } from '../parsedDocument';
import { isLargeDocument } from '../largeDocuments';

class WatchCodeLensProvider extends RefreshableLensProvider {
  constructor(private readonly controller: WatchController) {
    super();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (isLargeDocument(document)) return [];
    const text = document.getText();
    if (!mayHoldCanary(text)) return [];
    const watched = this.controller.watched;
    const lenses: vscode.CodeLens[] = [];
    for (const d of canaryDocuments(text, parsedDocument(document))) {
      if (!d.hasSource) continue;
      const pos = document.positionAt(d.offset);
      const range = new vscode.Range(pos, pos);
      const isWatched =
        watched && watched.uri.toString() === document.uri.toString() && watched.docIndex === d.docIndex;
      if (isWatched) {
        const verdict = watched.paused ? 'paused' : (watched.last?.raw.verdict ?? 'waiting for data');
        lenses.push(
          new vscode.CodeLens(range, {
            title: `$(pulse) Watching: ${verdict}`,
            command: 'releaseSafety.canary.focus',
            tooltip: 'Open the Canary panel',
          }),
        );
        lenses.push(new vscode.CodeLens(range, { title: 'Stop watching', command: 'releaseSafety.stopWatching' }));
      } else {
        lenses.push(
          new vscode.CodeLens(range, {
            title: '$(pulse) Watch this canary',
            command: 'releaseSafety.watchCanary',
            arguments: [document.uri, d.docIndex],
            tooltip: 'Poll its source and show live status in the Canary panel and the status bar',
          }),
        );
      }
    }
    return lenses;
  }
}

export function registerWatchCodeLens(context: vscode.ExtensionContext, controller: WatchController): void {
  const provider = new WatchCodeLensProvider(controller);
  let lastVerdict: Verdict | undefined;
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { pattern: '**/*.{yaml,yml}' }], provider),
    controller.onDidChangeState(() => provider.refresh()),
    // Only when the verdict changes: a lens refresh per poll would make the editor flicker.
    controller.onDidRead(({ raw }) => {
      if (raw.verdict !== lastVerdict) provider.refresh();
      lastVerdict = raw.verdict;
    }),
  );
}
