/**
 * The editor's half of linting files together: an index of what every YAML file of the workspace
 * defines (AnalysisTemplates, MetricTemplates, AlertProviders) and refers to, kept current from
 * open documents as they change and from disk as files change, and the re-check of the open
 * documents whose references an edit affects (editing a template re-checks the Rollouts that use
 * it). Go to definition and find references read the same index.
 */
import * as vscode from 'vscode';
import { isLargeText } from './largeDocuments';
import { KeyedDebounce } from './keyedDebounce';
import { parseFile } from '../core/parse/parseFile';
import { ProjectIndex, summarize, type FileSummary } from '../core/project/projectIndex';
import type { ProjectOptions } from '../core/project/projectView';
import { changedNames } from '../core/project/symbolAt';
import type { DiagnosticsController } from './diagnostics';

const YAML_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** A workspace bigger than this is indexed in part: linting must not wait on a monorepo's every file. */
const MAX_FILES = 5000;
const MAX_BYTES = 2 * 1024 * 1024;
const REINDEX_DELAY_MS = 150;
const NOT_WORKSPACE_SCHEMES = new Set([
  'output',
  'git',
  'gitfs',
  'vscode-scm',
  'review',
  'pr',
  'conflictResolution',
  'vscode-userdata',
]);

/** Only files that may hold an Argo or Flagger object are parsed for the index. */
function mayDefineOrRefer(text: string): boolean {
  return text.includes('argoproj.io/') || text.includes('flagger.app/');
}

/**
 * Worth parsing for the index on the host's thread: Argo or Flagger text, and not a document so
 * large that parsing it would stall the editor (those are linted on the worker, alone).
 */
function indexable(text: string): boolean {
  return !isLargeText(text) && mayDefineOrRefer(text);
}

export class WorkspaceTemplates implements vscode.Disposable {
  readonly index = new ProjectIndex();
  private readonly timers = new KeyedDebounce();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a file's entry in the index changed (tests wait on it). */
  readonly onDidChange = this.changedEmitter.event;
  /** Resolves when the first scan of the workspace has finished. */
  readonly ready: Promise<void>;

  constructor(private readonly diagnostics: DiagnosticsController) {
    const ws = vscode.workspace;
    const watcher = ws.createFileSystemWatcher(YAML_GLOB);
    this.disposables.push(
      this.changedEmitter,
      watcher,
      watcher.onDidCreate((uri) => this.fromDisk(uri)),
      watcher.onDidChange((uri) => this.fromDisk(uri)),
      watcher.onDidDelete((uri) => this.update(uri.toString(), undefined)),
      ws.onDidOpenTextDocument((d) => this.fromDocument(d, 0)),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.fromDocument(e.document, REINDEX_DELAY_MS);
      }),
      // A closed, unsaved buffer no longer speaks for the file: read it back from disk.
      ws.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === 'file') this.fromDisk(d.uri);
        else this.update(d.uri.toString(), undefined);
      }),
    );
    // Deferred: activation never reads the disk.
    this.ready = new Promise((resolve) => setTimeout(() => void this.scan().finally(resolve), 0));
  }

  /** The project a document is linted with. */
  projectFor(uri: vscode.Uri): ProjectOptions {
    return { index: this.index, file: uri.toString() };
  }

  private async scan(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) return;
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDE_GLOB, MAX_FILES);
    } catch {
      return;
    }
    for (const uri of uris) await this.fromDisk(uri, false);
    for (const d of vscode.workspace.textDocuments) this.fromDocument(d, 0);
  }

  private async fromDisk(uri: vscode.Uri, skipOpen = true): Promise<void> {
    const key = uri.toString();
    // An open document is indexed from its buffer, which may be ahead of the disk.
    if (skipOpen && vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && !d.isClosed)) return;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES) return this.update(key, undefined);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.update(key, indexable(text) ? summarize(parseFile(text)) : undefined);
    } catch {
      this.update(key, undefined);
    }
  }

  private fromDocument(document: vscode.TextDocument, delay: number): void {
    // A diff's other side (git:, a PR review) is not a file of the workspace: it would define every template twice.
    if (document.languageId !== 'yaml' || NOT_WORKSPACE_SCHEMES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    this.timers.schedule(key, delay, () => {
      if (document.isClosed) return;
      const text = document.getText();
      this.update(key, indexable(text) ? summarize(parseFile(text)) : undefined);
    });
  }

  /** Records a file's new summary and re-checks the open documents it affects. */
  private update(key: string, summary: FileSummary | undefined): void {
    const before = this.index.summaryOf(key);
    if (summary) this.index.set(key, summary);
    else if (!this.index.delete(key)) return;
    const changed = changedNames(before, summary);
    if (changed.definitions.length === 0 && changed.references.length === 0) return;
    const affected = new Set([
      ...this.index.filesReferring(changed.definitions),
      ...this.index.filesDefining(changed.references),
    ]);
    affected.delete(key);
    for (const document of vscode.workspace.textDocuments) {
      if (!document.isClosed && affected.has(document.uri.toString())) this.diagnostics.schedule(document, 0);
    }
    this.changedEmitter.fire(vscode.Uri.parse(key));
  }

  dispose(): void {
    this.timers.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
