/**
 * Validation as you type: every open YAML document that the core recognises (native canary or
 * synthetic, Argo Rollouts, Flagger) is linted on open, on change (after a short delay, per
 * document) and on save, and its diagnostics are cleared when it closes. Other YAML (Kubernetes,
 * docker-compose) gets nothing. Each diagnostic carries the rule id as `code` with a link to the
 * rule's page; the core Finding behind it (fix, suggestions) stays in a FindingStore tied to the
 * document version, for the quick fixes.
 */
import * as vscode from 'vscode';
import { lintText } from '../core/lint/engine';
import type { ProjectOptions } from '../core/project/projectView';
import type { Finding, Severity } from '../core/lint/finding';
import type { ParsedFile } from '../core/parse/parseFile';
import { docsUrl } from '../core/lint/rule';
import { FindingStore } from './findingStore';
import { ConfigFileCache, effectiveConfig, readSettings, type ConfigFile, type EditorSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'release-safety';
/** Delay after the last keystroke before a document is linted again. */
export const TYPING_DELAY_MS = 150;
const LINTED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);
const MAX_TIMINGS = 500;

export interface LintEvent {
  uri: vscode.Uri;
  /** undefined for a file linted from disk */
  version: number | undefined;
  /** false: not a file Release Safety checks (its diagnostics were cleared). */
  ours: boolean;
  findings: readonly Finding[];
}

export interface LintTiming {
  uri: string;
  version: number | undefined;
  /** From the start of the lint (after the typing delay) to the diagnostics handed to VS Code. */
  ms: number;
  /** Of which the core's lintText (parse + rules); the rest is the editor layer. */
  coreMs: number;
  lines: number;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The controller of the running extension (one per extension host). */
let active: DiagnosticsController | undefined;

/**
 * The core Finding (with `fix` and `suggestions`) behind one of our diagnostics, or undefined when
 * the document changed since it was linted or the diagnostic is not ours. For quick fixes, hovers.
 */
export function findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
  return active?.store.findingFor(document, diagnostic);
}

/** All findings of the document's current version (undefined: not linted at this version). */
export function findingsOf(document: vscode.TextDocument): readonly Finding[] | undefined {
  const entry = active?.store.get(document.uri);
  return entry && entry.version === document.version ? entry.findings : undefined;
}

/** Diagnostics published by Release Safety (source `release-safety`) in a list from VS Code. */
export function isOurDiagnostic(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE;
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  readonly store = new FindingStore();
  readonly configFiles = new ConfigFileCache();
  /** Recent lint durations (newest last), for the benchmark and the activation report. */
  readonly timings: LintTiming[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Open documents seen as ours once: a syntax error that hides the `canary:` key keeps them ours. */
  private readonly recognised = new Set<string>();
  /** Config files whose problems are shown as diagnostics on themselves. */
  private readonly configProblemUris = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lintedEmitter = new vscode.EventEmitter<LintEvent>();
  /** The last lint of each document still open (tests and features ask "linted at this version?"). */
  readonly lastLint = new Map<string, LintEvent>();
  /** Fires after every lint, also when the file turned out not to be ours (tests wait on it). */
  readonly onDidLint = this.lintedEmitter.event;
  /**
   * Drops findings before they are published (redHatYaml.ts: `schema/*` steps aside where Red
   * Hat's YAML extension validates with our schema, so no schema problem shows twice).
   */
  findingFilter?: (uri: vscode.Uri, file: ParsedFile, findings: Finding[]) => Finding[];
  /** The files a document is linted together with (workspaceTemplates.ts); alone when unset. */
  projectFor?: (uri: vscode.Uri) => ProjectOptions | undefined;
  /** Set by Lint Workspace: closing a file then shows its findings from disk instead of nothing. */
  workspaceLinted = false;

  constructor() {
    active = this;
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.lintedEmitter,
      ws.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (readSettings(e.document.uri).lintOn === 'type') this.schedule(e.document, TYPING_DELAY_MS);
      }),
      ws.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      ws.onDidCloseTextDocument((d) => this.closed(d.uri)),
      // A closed tab clears its diagnostics, but VS Code may keep the document in memory and show it
      // again without a new "open" event: lint what becomes visible and has no current result.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const { document } of editors) if (this.lastLint.get(document.uri.toString())?.version !== document.version) this.schedule(document, 0);
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (uri && !isShownInTab(uri)) this.closed(uri);
        }
      }),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('releaseSafety')) this.relintAll();
      }),
    );
    const watcher = ws.createFileSystemWatcher('**/.release-safety.yaml');
    const onConfigFile = () => {
      this.configFiles.invalidate();
      this.relintAll();
    };
    this.disposables.push(watcher, watcher.onDidCreate(onConfigFile), watcher.onDidChange(onConfigFile), watcher.onDidDelete(onConfigFile));
  }

  /** Lints the documents already open; deferred so that activation returns at once. */
  start(): void {
    setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.lintDocument(d)), 0);
  }

  relintAll(): void {
    for (const uri of this.configProblemUris) this.collection.delete(vscode.Uri.parse(uri));
    this.configProblemUris.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  schedule(document: vscode.TextDocument, delay: number): void {
    if (!isCandidate(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // The document may have closed during the delay.
        if (!document.isClosed) this.lintDocument(document);
      }, delay),
    );
  }

  /** Lints an open document now and publishes its diagnostics. */
  lintDocument(document: vscode.TextDocument): Finding[] | undefined {
    if (!isCandidate(document)) return undefined;
    const settings = readSettings(document.uri);
    if (!isIncluded(document.uri, settings)) {
      this.forget(document.uri);
      this.fire({ uri: document.uri, version: document.version, ours: false, findings: [] });
      return undefined;
    }
    return this.lint(document.uri, document.getText(), document.version, settings, (o) => document.positionAt(o), document.lineCount);
  }

  /**
   * Lints a file that is not open (Lint Workspace). Positions come from the core's line index of
   * the text, since no TextDocument exists for it.
   */
  lintFromDisk(uri: vscode.Uri, text: string, settings: EditorSettings = readSettings(uri)): Finding[] | undefined {
    return this.lint(uri, text, undefined, settings);
  }

  private lint(
    uri: vscode.Uri,
    text: string,
    version: number | undefined,
    settings: EditorSettings,
    documentPositionAt?: (offset: number) => vscode.Position,
    documentLineCount?: number,
  ): Finding[] | undefined {
    const t0 = performance.now();
    const key = uri.toString();
    const configFile = this.configFiles.forUri(uri);
    if (configFile && isExcludedByConfigFile(uri, configFile)) {
      this.forget(uri);
      this.fire({ uri, version, ours: false, findings: [] });
      return undefined;
    }
    let result;
    let coreMs = 0;
    try {
      const c0 = performance.now();
      result = lintText(text, { config: effectiveConfig(configFile, settings), project: this.projectFor?.(uri) });
      coreMs = performance.now() - c0;
    } catch (e) {
      // The core does not throw by design; if it ever does, say so once instead of failing silently.
      console.error(`[release-safety] linting ${uri.fsPath || key} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
    const ours = result.file.documents.some((d) => d.kind !== null) || (version !== undefined && this.recognised.has(key));
    if (!ours) {
      this.forget(uri);
      this.fire({ uri, version, ours: false, findings: [] });
      return undefined;
    }
    if (version !== undefined) this.recognised.add(key);
    if (this.findingFilter) result = { ...result, findings: this.findingFilter(uri, result.file, result.findings) };
    const lineIndex = result.file.lineIndex;
    const positionAt =
      documentPositionAt ??
      ((o: number) => {
        const p = lineIndex.positionAt(o);
        return new vscode.Position(p.line, p.character);
      });
    const diagnostics = result.findings.map((f) => toDiagnostic(f, positionAt));
    this.store.set({ uri, version, findings: result.findings, diagnostics });
    this.collection.set(uri, diagnostics);
    if (configFile?.problems.length) this.showConfigProblems(configFile);
    this.timings.push({ uri: key, version, ms: performance.now() - t0, coreMs, lines: documentLineCount ?? lineIndex.lineCount });
    if (this.timings.length > MAX_TIMINGS) this.timings.splice(0, this.timings.length - MAX_TIMINGS);
    this.fire({ uri, version, ours: true, findings: result.findings });
    return result.findings;
  }

  /** Drops the findings of files that are not open and not in `keep` (Lint Workspace's list). */
  forgetClosedFilesExcept(keep: Set<string>): void {
    const open = new Set(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => d.uri.toString()));
    const drop: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const key = uri.toString();
      if (!open.has(key) && !keep.has(key) && !this.configProblemUris.has(key)) drop.push(uri);
    });
    drop.forEach((uri) => this.forget(uri));
  }

  private closed(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.recognised.delete(key);
    this.lastLint.delete(key);
    this.forget(uri);
    if (this.workspaceLinted && uri.scheme === 'file') {
      // After Lint Workspace the Problems panel lists files that are not open; keep that true.
      void vscode.workspace.fs.readFile(uri).then(
        (bytes) => {
          if (!isShownInTab(uri)) this.lintFromDisk(uri, new TextDecoder().decode(bytes));
        },
        () => undefined,
      );
    }
  }

  private fire(event: LintEvent): void {
    if (event.version !== undefined) this.lastLint.set(event.uri.toString(), event);
    this.lintedEmitter.fire(event);
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.store.delete(uri);
  }

  private showConfigProblems(configFile: ConfigFile): void {
    const uri = vscode.Uri.file(configFile.path);
    const key = uri.toString();
    if (this.configProblemUris.has(key)) return;
    this.configProblemUris.add(key);
    this.collection.set(
      uri,
      configFile.problems.map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), p, vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        return d;
      }),
    );
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.disposables.forEach((d) => d.dispose());
    this.store.clear();
    if (active === this) active = undefined;
  }
}

export function toDiagnostic(f: Finding, positionAt: (offset: number) => vscode.Position): vscode.Diagnostic {
  const start = positionAt(f.offset);
  const end = f.length > 0 ? positionAt(f.offset + f.length) : start;
  const d = new vscode.Diagnostic(new vscode.Range(start, end), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(docsUrl(f.rule)) };
  return d;
}

function isCandidate(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && LINTED_SCHEMES.has(document.uri.scheme);
}

/** Include/exclude settings apply to files on disk; an untitled buffer is always linted. */
export function isIncluded(uri: vscode.Uri, settings: EditorSettings): boolean {
  if (uri.scheme !== 'file') return true;
  const target = { uri, languageId: 'yaml' } as unknown as vscode.TextDocument;
  const matches = (glob: string) => vscode.languages.match({ pattern: glob }, target) > 0;
  return settings.include.some(matches) && !settings.exclude.some(matches);
}

function isExcludedByConfigFile(uri: vscode.Uri, configFile: ConfigFile): boolean {
  const globs = configFile.config.exclude;
  if (!globs?.length || uri.scheme !== 'file') return false;
  const base = vscode.Uri.file(configFile.path.slice(0, configFile.path.lastIndexOf('/')) || '/');
  const target = { uri, languageId: 'yaml' } as unknown as vscode.TextDocument;
  return globs.some((g) => vscode.languages.match({ pattern: new vscode.RelativePattern(base, g) }, target) > 0);
}

function isShownInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
