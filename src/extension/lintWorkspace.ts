/**
 * "Release Safety: Lint Workspace": lints every YAML file of the workspace, honouring
 * `releaseSafety.include` / `exclude` (and the `exclude` of `.release-safety.yaml`), with a
 * progress notification that can be cancelled. Files that are not open are read from disk; open
 * ones are linted from their editor text. Findings land in the Problems panel.
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

/** `token`: an extra cancellation source (tests, other callers); the notification's Cancel also stops it. */
export async function lintWorkspace(
  diagnostics: DiagnosticsController,
  token?: vscode.CancellationToken,
): Promise<LintWorkspaceSummary> {
  const summary: LintWorkspaceSummary = {
    filesSearched: 0,
    filesLinted: 0,
    filesWithFindings: 0,
    findings: 0,
    cancelled: false,
  };
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(
      'Release Safety: open a folder to lint a workspace; open files are linted as you type.',
    );
    return summary;
  }
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Release Safety: linting the workspace',
      cancellable: true,
    },
    async (progress, progressToken) => {
      const cancel = new vscode.CancellationTokenSource();
      const subs = [progressToken, token].map((t) => t?.onCancellationRequested(() => cancel.cancel()));
      if (progressToken.isCancellationRequested || token?.isCancellationRequested) cancel.cancel();
      try {
        await lintAll(diagnostics, summary, progress, cancel.token);
      } finally {
        subs.forEach((s) => s?.dispose());
        cancel.dispose();
      }
    },
  );
  const what = `${summary.findings} finding${summary.findings === 1 ? '' : 's'} in ${summary.filesWithFindings} of ${summary.filesLinted} YAML files`;
  void vscode.window.setStatusBarMessage(`Release Safety: ${summary.cancelled ? 'cancelled after ' : ''}${what}`, 5000);
  return summary;
}

async function lintAll(
  diagnostics: DiagnosticsController,
  summary: LintWorkspaceSummary,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<void> {
  const uris = await findYamlFiles(token);
  summary.filesSearched = uris.length;
  if (token.isCancellationRequested) {
    summary.cancelled = true;
    return;
  }
  // Files reported by an earlier run that are now excluded (or deleted) lose their findings.
  diagnostics.forgetClosedFilesExcept(new Set(uris.map((u) => u.toString())));
  const openDocs = new Map(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => [d.uri.toString(), d]));
  const step = uris.length ? 100 / uris.length : 100;
  let lastYield = Date.now();
  for (const [i, uri] of uris.entries()) {
    if (token.isCancellationRequested) {
      summary.cancelled = true;
      break;
    }
    progress.report({ message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: step });
    const doc = openDocs.get(uri.toString());
    let findings: readonly unknown[] | undefined;
    if (doc) findings = await diagnostics.lintDocument(doc);
    else {
      const text = await readText(uri);
      if (text === undefined) continue;
      findings = await diagnostics.lintFromDisk(uri, text);
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
}

/** The YAML files of every workspace folder that the include / exclude settings select. */
async function findYamlFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const uris: vscode.Uri[] = [];
  const seen = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const settings = readSettings(folder.uri);
    // VS Code's globs do not nest braces: one search per include glob, and the exclude globs
    // joined only when that is safe (each result is checked against every glob anyway).
    const exclude =
      settings.exclude.length && !settings.exclude.some((g) => g.includes('{'))
        ? `{${settings.exclude.join(',')}}`
        : null;
    for (const glob of settings.include) {
      if (token.isCancellationRequested) return uris;
      const found = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, glob),
        exclude,
        undefined,
        token,
      );
      for (const uri of found) {
        if (seen.has(uri.toString()) || !isIncluded(uri, settings)) continue;
        seen.add(uri.toString());
        uris.push(uri);
      }
    }
  }
  return uris.sort((a, b) => a.path.localeCompare(b.path));
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
