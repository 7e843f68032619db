/**
 * Validation as you type: every open YAML document that the core recognises (native canary or
 * synthetic, Argo Rollouts, Flagger) is linted on open, on change (after a short delay, per
 * document) and on save, and its diagnostics are cleared when it closes. Other YAML (Kubernetes,
 * docker-compose) gets nothing. Each diagnostic carries the rule id as `code` with a link to the
 * rule's page; the core Finding behind it (fix, suggestions) stays in a FindingStore tied to the
 * document version, for the quick fixes.
 */
import * as vscode from 'vscode';
import { KeyedDebounce } from './keyedDebounce';
import { lintText } from '../core/lint/engine';
import { IncrementalLinter } from '../core/lint/incrementalLint';
import type { ProjectOptions } from '../core/project/projectView';
import type { Finding, Severity } from '../core/lint/finding';
import { docsUrl } from '../core/lint/rule';
import { FindingStore } from './findingStore';
import { effectiveConfig, readSettings, type EditorSettings } from './settings';
import type { EditorConfigs } from './configFiles';
import type { ResolvedConfig } from '../core/config/configResolver';
import type { LintConfig } from '../core/config/lintConfig';
import { nativeSchemaOfFile, type NativeFormat } from '../core/completion/fileSchema';
import { LineIndex } from '../core/text/lineIndex';
import { LARGE_DOCUMENT_CHARS, type BackgroundLinter } from './backgroundLint/backgroundLinter';

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
  /** Of which the core's lint (parse + rules); the rest is the editor layer. */
  coreMs: number;
  /** Of `ms`, what ran on the extension host's thread (all of it, unless `background`). */
  mainThreadMs: number;
  /** Linted on the worker thread (a large document). */
  background: boolean;
  lines: number;
}

/** Findings now, or later for a large document linted on the worker. */
type LintReturn = Finding[] | undefined | Promise<Finding[] | undefined>;

/** One lint's outcome, wherever it ran. */
interface Linted {
  findings: Finding[];
  ours: boolean;
  nativeFormat(): NativeFormat | undefined;
  coreMs: number;
  /** Host-thread time before the findings arrived (handing a large text to the worker). */
  mainThreadMs: number;
  background?: boolean;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Drops findings of one lint before they are published. */
export type FindingFilter = (uri: vscode.Uri, nativeFormat: NativeFormat | undefined, findings: Finding[]) => Finding[];

/** What the features around the controller plug into it, given when it is made. */
export interface DiagnosticsHooks {
  /**
   * redHatYaml.ts: `schema/*` steps aside where Red Hat's YAML extension validates with our schema,
   * so no schema problem shows twice.
   */
  findingFilter?: FindingFilter;
  /** The files a document is linted together with (workspaceTemplates.ts); alone when unset. */
  projectFor?: (uri: vscode.Uri) => ProjectOptions | undefined;
}

/** Diagnostics published by Release Safety (source `release-safety`) in a list from VS Code. */
export function isOurDiagnostic(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE;
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  readonly store = new FindingStore();
  /** Recent lint durations (newest last), for the benchmark and the activation report. */
  readonly timings: LintTiming[] = [];
  private readonly timers = new KeyedDebounce();
  /** Per open document: its `---` documents' parses and findings, so an edit re-lints one of them. */
  private readonly linters = new Map<string, IncrementalLinter>();
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
  /** Set by Lint Workspace: closing a file then shows its findings from disk instead of nothing. */
  workspaceLinted = false;

  /**
   * @param background lints large documents off the host's thread (none: everything here).
   * @param hooks what others add to each lint (Red Hat's schema hand-off filters findings).
   */
  constructor(
    readonly configs: EditorConfigs,
    private readonly background?: BackgroundLinter,
    private readonly hooks: DiagnosticsHooks = {},
  ) {
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
        for (const { document } of editors)
          if (this.lastLint.get(document.uri.toString())?.version !== document.version) this.schedule(document, 0);
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
    // A config file created, edited or deleted: its folder's documents may lint differently now.
    this.disposables.push(configs.onDidChange(() => this.relintAll()));
  }

  /** Lints the documents already open; deferred so that activation returns at once. */
  /**
   * The core Finding (with `fix` and `suggestions`) behind one of our diagnostics, or undefined when
   * the document changed since it was linted or the diagnostic is not ours. For quick fixes, hovers.
   */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    return this.store.findingFor(document, diagnostic);
  }

  /** All findings of the document's current version (undefined: not linted at this version). */
  findingsOf(document: vscode.TextDocument): readonly Finding[] | undefined {
    const entry = this.store.get(document.uri);
    return entry && entry.version === document.version ? entry.findings : undefined;
  }

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
    // The document may have closed during the delay.
    this.timers.schedule(document.uri.toString(), delay, () => !document.isClosed && this.lintDocument(document));
  }

  /** Lints an open document now and publishes its diagnostics. */
  lintDocument(document: vscode.TextDocument): LintReturn {
    if (!isCandidate(document)) return undefined;
    const settings = readSettings(document.uri);
    if (!isIncluded(document.uri, settings)) {
      this.forget(document.uri);
      this.fire({ uri: document.uri, version: document.version, ours: false, findings: [] });
      return undefined;
    }
    return this.lint(document.uri, document.getText(), document.version, settings, document);
  }

  /**
   * Lints a file that is not open (Lint Workspace). Positions come from the core's line index of
   * the text, since no TextDocument exists for it.
   */
  lintFromDisk(uri: vscode.Uri, text: string, settings: EditorSettings = readSettings(uri)): LintReturn {
    return this.lint(uri, text, undefined, settings);
  }

  private lint(
    uri: vscode.Uri,
    text: string,
    version: number | undefined,
    settings: EditorSettings,
    document?: vscode.TextDocument,
    offThread = true,
  ): LintReturn {
    const t0 = performance.now();
    const key = uri.toString();
    const configFile = this.configs.forUri(uri);
    if (this.configs.isExcluded(uri, configFile)) return this.notOurs(uri, version);
    const options = { config: effectiveConfig(configFile, settings) };
    if (offThread && this.background && text.length > LARGE_DOCUMENT_CHARS)
      return this.lintInBackground(uri, text, version, settings, options.config, configFile, document, t0);
    let result;
    let coreMs = 0;
    try {
      const c0 = performance.now();
      // A file seen as ours keeps its syntax errors while a typo hides its kind (`[canary:`).
      const seenAsOurs = version !== undefined && this.recognised.has(key);
      const project = this.hooks.projectFor?.(uri);
      const lintOptions = {
        ...options,
        ...(project ? { project } : {}),
        ...(seenAsOurs ? { limits: { ours: true } } : {}),
      };
      result = version === undefined ? lintText(text, lintOptions) : this.linterFor(key).lint(text, lintOptions);
      coreMs = performance.now() - c0;
    } catch (e) {
      // The core does not throw by design; if it ever does, say so once instead of failing silently.
      console.error(`[release-safety] linting ${uri.fsPath || key} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
    const file = result.file;
    const linted: Linted = {
      findings: result.findings,
      ours: file.documents.some((d) => d.kind !== null),
      nativeFormat: () => nativeSchemaOfFile(file),
      coreMs,
      mainThreadMs: 0,
    };
    return this.publish(uri, version, configFile, linted, t0, document, () => file.lineIndex);
  }

  /**
   * A large document: the worker lints it (the host thread only hands the text over and turns the
   * findings into diagnostics). A result for a version that is no longer current is dropped: the
   * lint of the newer version publishes.
   */
  private async lintInBackground(
    uri: vscode.Uri,
    text: string,
    version: number | undefined,
    settings: EditorSettings,
    config: LintConfig,
    configFile: ResolvedConfig | undefined,
    document: vscode.TextDocument | undefined,
    t0: number,
  ): Promise<Finding[] | undefined> {
    const key = version === undefined ? `${uri.toString()}#disk` : uri.toString();
    const handedOver = performance.now() - t0;
    let r;
    try {
      r = await this.background!.lint(key, text, config);
    } catch (e) {
      console.error(
        `[release-safety] the lint worker could not lint ${uri.fsPath || key} (${(e as Error).message}); linting it here instead.`,
      );
      if (document && (document.isClosed || document.version !== version)) return undefined;
      return this.lint(uri, text, version, settings, document, false) as Finding[] | undefined;
    } finally {
      if (version === undefined) this.background!.forget(key);
    }
    if (document && (document.isClosed || document.version !== version)) return undefined;
    const t1 = performance.now();
    const linted: Linted = {
      findings: r.findings,
      ours: r.ours,
      nativeFormat: () => r.nativeFormat,
      coreMs: r.coreMs,
      mainThreadMs: handedOver,
      background: true,
    };
    return this.publish(uri, version, configFile, linted, t0, document, () => new LineIndex(text), t1);
  }

  private notOurs(uri: vscode.Uri, version: number | undefined): undefined {
    this.forget(uri);
    this.fire({ uri, version, ours: false, findings: [] });
    return undefined;
  }

  private publish(
    uri: vscode.Uri,
    version: number | undefined,
    configFile: ResolvedConfig | undefined,
    linted: Linted,
    t0: number,
    document: vscode.TextDocument | undefined,
    lineIndexOf: () => LineIndex,
    publishStart = t0,
  ): Finding[] | undefined {
    const key = uri.toString();
    if (!linted.ours && !(version !== undefined && this.recognised.has(key))) return this.notOurs(uri, version);
    if (version !== undefined) this.recognised.add(key);
    const findings = this.hooks.findingFilter
      ? this.hooks.findingFilter(uri, linted.nativeFormat(), linted.findings)
      : linted.findings;
    let positionAt: (o: number) => vscode.Position;
    if (document) positionAt = (o) => document.positionAt(o);
    else {
      const lineIndex = lineIndexOf();
      positionAt = (o) => {
        const p = lineIndex.positionAt(o);
        return new vscode.Position(p.line, p.character);
      };
    }
    const diagnostics = findings.map((f) => toDiagnostic(f, positionAt));
    this.store.set({ uri, version, findings, diagnostics });
    this.collection.set(uri, diagnostics);
    if (configFile?.problems.length) this.showConfigProblems(configFile);
    const end = performance.now();
    const lines = document?.lineCount ?? lineIndexOf().lineCount;
    this.timings.push({
      uri: key,
      version,
      ms: end - t0,
      coreMs: linted.coreMs,
      mainThreadMs: linted.mainThreadMs + (end - publishStart),
      background: linted.background ?? false,
      lines,
    });
    if (this.timings.length > MAX_TIMINGS) this.timings.splice(0, this.timings.length - MAX_TIMINGS);
    this.fire({ uri, version, ours: true, findings });
    return findings;
  }

  private linterFor(key: string): IncrementalLinter {
    let linter = this.linters.get(key);
    if (!linter) this.linters.set(key, (linter = new IncrementalLinter()));
    return linter;
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
    this.timers.cancel(key);
    this.recognised.delete(key);
    this.lastLint.delete(key);
    this.linters.delete(key);
    this.background?.forget(key);
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

  private showConfigProblems(configFile: ResolvedConfig): void {
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
    this.timers.dispose();
    this.linters.clear();
    this.background?.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.store.clear();
  }
}

/** One Uri per rule page: a large file has thousands of findings of a handful of rules. */
const docsUris = new Map<string, vscode.Uri>();
function docsUri(rule: string): vscode.Uri {
  let uri = docsUris.get(rule);
  if (!uri) docsUris.set(rule, (uri = vscode.Uri.parse(docsUrl(rule))));
  return uri;
}

export function toDiagnostic(f: Finding, positionAt: (offset: number) => vscode.Position): vscode.Diagnostic {
  const start = positionAt(f.offset);
  const end = f.length > 0 ? positionAt(f.offset + f.length) : start;
  const d = new vscode.Diagnostic(new vscode.Range(start, end), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: docsUri(f.rule) };
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

function isShownInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key),
  );
}
