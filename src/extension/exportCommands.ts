/**
 * Export as Argo Rollout, Export as Flagger Canary, Export Alert Rules: the CLI's `export` from the
 * palette or the editor's title menu. The result opens in an untitled YAML editor beside the
 * source (nothing is written to disk); what could not be exported is said in a notification.
 */
import * as vscode from 'vscode';
import { exportText, type ExportTarget } from '../core/export/exportFile';

export const EXPORT_COMMANDS: Record<ExportTarget, string> = {
  argo: 'releaseSafety.exportArgo',
  flagger: 'releaseSafety.exportFlagger',
  'prometheus-rules': 'releaseSafety.exportAlertRules',
};

export function registerExportCommands(context: vscode.ExtensionContext): void {
  for (const [target, command] of Object.entries(EXPORT_COMMANDS) as Array<[ExportTarget, string]>) {
    // The command resolves to the opened document, so tests and other extensions can read it.
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (uri?: unknown) =>
        exportToEditor(target, uri instanceof vscode.Uri ? uri : undefined),
      ),
    );
  }
}

/** Returns the opened document (for tests), or undefined when there was nothing to export. */
export async function exportToEditor(target: ExportTarget, uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const source = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!source) {
    void vscode.window.showWarningMessage('Open a canary or synthetic YAML file first, then export it.');
    return undefined;
  }
  const label = vscode.workspace.asRelativePath(source.uri);
  const outcome = exportText(target, source.getText(), label);
  if (!outcome.ok) {
    void vscode.window.showWarningMessage(outcome.error);
    return undefined;
  }
  // A named untitled file beside the source: Save proposes that folder and a name that says what it is.
  const document = await vscode.workspace.openTextDocument(untitledBeside(source.uri, target));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), outcome.text);
  await vscode.workspace.applyEdit(edit);
  if (document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  if (outcome.notes.length)
    void vscode.window.showInformationMessage(
      `Exported with ${outcome.notes.length} note${outcome.notes.length === 1 ? '' : 's'} (at the top of the file): ${outcome.notes[0]}${outcome.notes.length > 1 ? ' …' : ''}`,
    );
  return document;
}

const SUFFIX: Record<ExportTarget, string> = {
  argo: 'argo-rollout',
  flagger: 'flagger-canary',
  'prometheus-rules': 'alert-rules',
};

/** `untitled:/dir/canary.argo-rollout.yaml`, numbered when that name is already open. */
function untitledBeside(source: vscode.Uri, target: ExportTarget): vscode.Uri {
  const dir = source.path.replace(/\/[^/]*$/, '');
  const base = source.path.slice(dir.length + 1).replace(/\.ya?ml$/i, '') || 'export';
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.from({
      scheme: 'untitled',
      path: `${dir}/${base}.${SUFFIX[target]}${n === 1 ? '' : `-${n}`}.yaml`,
    });
    if (!open.has(uri.toString())) return uri;
  }
}
