/**
 * "Release Safety: Lint Workspace": lints every YAML file of the workspace that is not open
 * (open ones are linted live), honouring `releaseSafety.include` / `exclude`, with a progress
 * notification that can be cancelled. Findings land in the Problems panel.
 */
import * as vscode from 'vscode';
import { isIncluded, type DiagnosticsController } from './diagnostics';
import { readSettings } from './settings';

export const LINT_WORKSPACE_COMMAND = 'releaseSafety.lintWorkspace';
/** Larger files are skipped by the workspace lint (the core also refuses them with a finding). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface LintWorkspaceSummary {
  filesSearched: number;
  filesLinted: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

export function registerLintWorkspace(context: vscode.ExtensionContext, diagnostics: DiagnosticsController): void {
  context.subscriptions.push(vscode.commands.registerCommand(LINT_WORKSPACE_COMMAND, () => lintWorkspace(diagnostics)));
}

export async function lintWorkspace(diagnostics: DiagnosticsController): Promise<LintWorkspaceSummary> {
  const summary: LintWorkspaceSummary = { filesSearched: 0, filesLinted: 0, filesWithFindings: 0, findings: 0, cancelled: false };
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Release Safety: open a folder to lint a workspace; open files are linted as you type.');
    return summary;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Release Safety: linting the workspace', cancellable: true },
    async (progress, token) => {
      const uris: vscode.Uri[] = [];
      const seen = new Set<string>();
      for (const folder of folders) {
        const settings = readSettings(folder.uri);
        // VS Code's globs do not nest braces: one search per include glob, and the exclude globs
        // joined only when that is safe (each result is checked against every glob anyway).
        const exclude = settings.exclude.length && !settings.exclude.some((g) => g.includes('{')) ? `{${settings.exclude.join(',')}}` : null;
        for (const glob of settings.include) {
          const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, undefined, token);
          for (const uri of found) if (!seen.has(uri.toString()) && isIncluded(uri, settings)) {
            seen.add(uri.toString());
            uris.push(uri);
          }
          if (token.isCancellationRequested) break;
        }
      }
      summary.filesSearched = uris.length;
      const open = new Set(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => d.uri.toString()));
      const step = uris.length ? 100 / uris.length : 100;
      let lastYield = Date.now();
      for (const [i, uri] of uris.entries()) {
        if (token.isCancellationRequested) {
          summary.cancelled = true;
          break;
        }
        progress.report({ message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: step });
        let findings: readonly unknown[] | undefined;
        if (open.has(uri.toString())) {
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          findings = doc ? diagnostics.lintDocument(doc) : undefined;
        } else {
          const text = await readText(uri);
          if (text === undefined) continue;
          findings = diagnostics.lintFromDisk(uri, text);
        }
        summary.filesLinted++;
        if (findings?.length) {
          summary.filesWithFindings++;
          summary.findings += findings.length;
        }
        // Give the extension host a breath on big workspaces, so typing elsewhere stays smooth.
        if (Date.now() - lastYield > 50) {
          await new Promise((r) => setTimeout(r, 0));
          lastYield = Date.now();
        }
      }
      diagnostics.workspaceLinted = true;
    },
  );
  const what = `${summary.findings} finding${summary.findings === 1 ? '' : 's'} in ${summary.filesWithFindings} of ${summary.filesLinted} YAML files`;
  void vscode.window.setStatusBarMessage(`Release Safety: ${summary.cancelled ? 'cancelled after ' : ''}${what}`, 5000);
  return summary;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // deleted or unreadable since the search: nothing to report
  }
}
