/**
 * The editor's access to the core's ConfigResolver: one instance per extension host, shared by the
 * diagnostics and the journeys, so Problems and the Test Explorer always read the same
 * `.release-safety.yaml`. The editor looks no higher than the document's workspace folder; an
 * untitled (or non-file) document takes the first folder's root file. A file watcher (and saves,
 * creations, deletions and renames made inside VS Code, which arrive sooner) invalidate the cache,
 * and listeners of `onDidChange` re-lint.
 */
import * as vscode from 'vscode';
import { ConfigResolver, excludes, type ResolvedConfig } from '../core/config/configResolver';
import { CONFIG_FILE_NAME } from '../core/config/lintConfig';
import { nodeConfigFileSystem } from '../core/config/nodeConfigFileSystem';

const isConfigUri = (uri: vscode.Uri) => uri.scheme === 'file' && uri.path.endsWith(`/${CONFIG_FILE_NAME}`);

export class EditorConfigs implements vscode.Disposable {
  readonly resolver = new ConfigResolver(nodeConfigFileSystem);
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const ws = vscode.workspace;
    const changed = (uri: vscode.Uri) => {
      if (isConfigUri(uri)) this.resolver.invalidate(uri.fsPath);
    };
    const watcher = ws.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete(changed),
      ws.onDidSaveTextDocument((d) => changed(d.uri)),
      ws.onDidCreateFiles((e) => e.files.forEach(changed)),
      ws.onDidDeleteFiles((e) => e.files.forEach(changed)),
      ws.onDidRenameFiles((e) => e.files.forEach(({ oldUri, newUri }) => (changed(oldUri), changed(newUri)))),
    );
  }

  /** The config that governs a document. */
  forUri(uri: vscode.Uri): ResolvedConfig | undefined {
    if (uri.scheme !== 'file') {
      const first = vscode.workspace.workspaceFolders?.[0];
      if (first?.uri.scheme !== 'file') return undefined;
      return this.resolver.forFolder(first.uri.fsPath, { stopAt: first.uri.fsPath });
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return this.resolver.forFile(uri.fsPath, { stopAt: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined });
  }

  /** Whether the governing config's `exclude` leaves the document out (only files on disk can be). */
  isExcluded(uri: vscode.Uri, config = this.forUri(uri)): boolean {
    return uri.scheme === 'file' && config !== undefined && excludes(config, uri.fsPath);
  }

  /** Fires after a config file was created, changed or deleted (the cache is already fresh). */
  onDidChange(listener: () => void): vscode.Disposable {
    return new vscode.Disposable(this.resolver.onDidChange(() => listener()));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
