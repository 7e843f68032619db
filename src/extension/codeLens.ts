/**
 * CodeLenses: above each canary its timeline ("1% > 5% > 25% > 50% > 100% · 25 min to full"),
 * above each synthetic journey "Run journey". The journey runner owns `releaseSafety.runJourney`;
 * until it is there, a placeholder (see commands.ts) says that it is coming.
 * Arguments of releaseSafety.runJourney: (uri: vscode.Uri, journeyName: string, journeyIndex: number, docIndex: number).
 */
import * as vscode from 'vscode';
import { lensesFor } from '../core/describe/codeLenses';
import { rangeOf } from './diagnosticCode';
import { parsedDocument } from './parsedDocument';
import { isLargeDocument } from './largeDocuments';

export const RUN_JOURNEY_COMMAND = 'releaseSafety.runJourney';

/** `configBudget`: the risk budget of the `.release-safety.yaml` governing a file. */
export function registerCodeLens(
  context: vscode.ExtensionContext,
  configBudget: (uri: vscode.Uri) => unknown = () => undefined,
): void {
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      { language: 'yaml' },
      { provideCodeLenses: (d) => provideCodeLenses(d, configBudget(d.uri)) },
    ),
  );
}

export function provideCodeLenses(document: vscode.TextDocument, budget?: unknown): vscode.CodeLens[] {
  if (isLargeDocument(document)) return [];
  return lensesFor(document.getText(), parsedDocument(document), { budget }).map((lens) => {
    const range = rangeOf(document, lens.ref);
    if (lens.kind === 'run-journey') {
      return new vscode.CodeLens(range, {
        title: lens.title,
        tooltip: lens.tooltip,
        command: RUN_JOURNEY_COMMAND,
        arguments: [document.uri, lens.journeyName, lens.journeyIndex, lens.docIndex],
      });
    }
    // Information only: an empty command id makes a lens that shows text and does nothing.
    return new vscode.CodeLens(range, { title: lens.title, tooltip: lens.tooltip, command: '' });
  });
}
