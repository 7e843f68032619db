/**
 * Which canary is watched, and the watch itself: the canary configs of the workspace (listed in
 * the view), starting from the view, the "Watch this canary" CodeLens or the
 * `releaseSafety.watchCanary` command; pause, resume, stop; the poll interval setting. Polling and
 * backoff are the core watcher's. The view, the status bar and the notification only listen.
 *
 * Nothing is polled in an untrusted workspace: a canary config names URLs, and opening a folder
 * must not make the editor call addresses on the user's network.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import {
  appendReading,
  mergeBackfill,
  HISTORY_WINDOW_MS,
  type ChartSeries,
  type ConfigEntry,
  type PanelState,
  type ReadingView,
} from '../../shared/panel/panelModel';
import type { LiveWatcher, WatcherFactory } from './liveCanary';
import type { CanaryReading } from '../../core/canary/reading';
import { toReadingView } from './readingView';
import { isLargeDocument, isLargeText } from '../largeDocuments';
import { canaryDocuments, mayHoldCanary } from './canaryDocuments';
import type { CanaryPlan } from '../../core/plan/canaryPlan';
import { AnalysisWatcher } from './analysisWatcher';
import { analysisJobsFor, prometheusUrlFor } from './analysisJobs';
import type { LiveBudget } from '../../core/budget/liveSpend';

export const DEFAULT_POLL_INTERVAL_S = 15;
const MAX_CONFIG_FILES = 500;
const UNTRUSTED_MESSAGE =
  'Release Safety does not poll canary sources in an untrusted workspace: a config could make the editor call any address on your network. Trust the workspace to watch a canary.';

export interface ReadingEvent {
  raw: CanaryReading;
  view: ReadingView;
  backoffMs: number | null;
}

interface ActiveWatch {
  key: string;
  /** Argo and Flagger canaries are watched through their analysis, natives through their source. */
  format: CanaryPlan['format'];
  uri: vscode.Uri;
  docIndex: number;
  label: string;
  service: string;
  plan: CanaryPlan;
  budget: LiveBudget | undefined;
  watcher: LiveWatcher;
  intervalMs: number;
  abort: AbortController | undefined;
  unsubscribe: () => void;
  paused: boolean;
  charts: ChartSeries[];
  last: ReadingEvent | undefined;
}

interface ListedConfig extends ConfigEntry {
  fileUri: vscode.Uri;
  docIndex: number;
}

export class WatchController implements vscode.Disposable {
  private active: ActiveWatch | undefined;
  private configs: ListedConfig[] = [];
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  private readonly readingEmitter = new vscode.EventEmitter<ReadingEvent>();
  /** The watched canary, pause or trust changed, or the config list did: send a snapshot. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** A new reading of the watched canary. */
  readonly onDidRead = this.readingEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.stateEmitter, this.readingEmitter];
  private refreshTimer: NodeJS.Timeout | undefined;
  /** The config list is read on first need (the view shown, a pick), never during activation. */
  private configsWanted = false;

  constructor(
    private readonly factory: WatcherFactory,
    private readonly log: vscode.OutputChannel,
    /** The `.release-safety.yaml` budget that governs a file, for canaries without their own. */
    private readonly configBudget: (uri: vscode.Uri) => unknown = () => undefined,
  ) {
    const files = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    const later = () => this.refreshConfigsSoon();
    this.disposables.push(
      files,
      files.onDidChange(later),
      files.onDidCreate(later),
      files.onDidDelete(later),
      vscode.workspace.onDidChangeWorkspaceFolders(later),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.stateEmitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('releaseSafety.pollInterval')) this.applyPollInterval();
      }),
    );
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** The watched canary for the status bar and CodeLens; undefined when nothing is watched. */
  get watched():
    | {
        key: string;
        uri: vscode.Uri;
        docIndex: number;
        service: string;
        paused: boolean;
        last: ReadingEvent | undefined;
      }
    | undefined {
    const a = this.active;
    return a && { key: a.key, uri: a.uri, docIndex: a.docIndex, service: a.service, paused: a.paused, last: a.last };
  }

  /** Where the view's list of metric checks comes from (set once by the panel). */
  checks: () => PanelState['checks'] = () => [];

  /** A metric was checked: the view shows it. */
  checksChanged(): void {
    this.stateEmitter.fire();
  }

  snapshot(): PanelState {
    if (!this.configsWanted) {
      this.configsWanted = true;
      this.refreshConfigsSoon(0);
    }
    const a = this.active;
    return {
      checks: this.checks(),
      trusted: this.trusted,
      configs: this.configs.map(({ uri, label, service, hasSource }) => ({ uri, label, service, hasSource })),
      watch: a
        ? {
            configUri: a.key,
            configLabel: a.label,
            service: a.service,
            paused: a.paused,
            pollIntervalMs: a.intervalMs,
            backoffMs: a.last?.backoffMs ?? null,
            reading: a.last?.view ?? null,
            charts: a.charts,
          }
        : null,
    };
  }

  /** Finds the native canary configs of the workspace (bounded: the first 500 YAML files). */
  async refreshConfigs(): Promise<void> {
    this.configsWanted = true;
    const found: ListedConfig[] = [];
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', MAX_CONFIG_FILES);
    for (const fileUri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri));
      } catch {
        continue; // deleted meanwhile, or unreadable: not a config we can watch anyway
      }
      // A file too large to parse on the host's thread is left out of the list (it can still be watched by name).
      if (isLargeText(text) || !mayHoldCanary(text)) continue;
      for (const d of canaryDocuments(text)) {
        const kind = d.format === 'argo' ? ' (Argo Rollout)' : d.format === 'flagger' ? ' (Flagger Canary)' : '';
        found.push({
          uri: configKey(fileUri, d.docIndex),
          label: `${labelOf(fileUri, d.docIndex)}${kind}`,
          service: d.service,
          hasSource: d.hasSource,
          fileUri,
          docIndex: d.docIndex,
        });
      }
    }
    this.configs = found;
    this.stateEmitter.fire();
  }

  /** Debounced: a branch switch changes many files at once. Nothing to do until the list is wanted. */
  private refreshConfigsSoon(delayMs = 500): void {
    if (!this.configsWanted) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () =>
        void this.refreshConfigs().catch((e) => this.log.appendLine(`[canary] listing configs failed: ${String(e)}`)),
      delayMs,
    );
  }

  /** A key from the webview: only configs the host listed can be watched or opened. */
  findListed(key: string): { fileUri: vscode.Uri; docIndex: number } | undefined {
    if (this.active?.key === key) return { fileUri: this.active.uri, docIndex: this.active.docIndex };
    return this.configs.find((c) => c.uri === key);
  }

  /**
   * Starts watching the canary document `docIndex` of a file (the first canary when undefined).
   * Returns a message for the user when it cannot start; undefined when it started.
   */
  async watch(fileUri: vscode.Uri, docIndex?: number): Promise<string | undefined> {
    if (!this.trusted) return UNTRUSTED_MESSAGE;
    let text: string;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri.toString());
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri));
    } catch (e) {
      return `Could not read ${vscode.workspace.asRelativePath(fileUri)}: ${(e as Error).message}`;
    }
    const docs = canaryDocuments(text, undefined, this.configBudget(fileUri));
    const doc = docIndex === undefined ? docs[0] : docs.find((d) => d.docIndex === docIndex);
    if (!doc)
      return `${vscode.workspace.asRelativePath(fileUri)} has no canary (a native "canary:", an Argo Rollout or a Flagger Canary) to watch.`;
    if (!doc.hasSource) {
      return doc.format === 'native'
        ? `The canary in ${vscode.workspace.asRelativePath(fileUri)} has no source: add source.scrape (the canary's and the baseline's /metrics URLs) or source.prometheus (url and label matchers) to watch it live.`
        : `The ${doc.format === 'argo' ? 'Rollout' : 'Canary'} in ${vscode.workspace.asRelativePath(fileUri)} has no analysis metrics to watch.`;
    }
    const intervalMs = pollIntervalMs();
    let watcher: LiveWatcher;
    if (doc.format === 'native') {
      try {
        watcher = this.factory(withPrometheusUrl(doc.plan, prometheusUrlFor(fileUri)), {
          intervalMs,
          baseDir: dirname(fileUri.fsPath),
          ...(doc.budget ? { budget: doc.budget } : {}),
        });
      } catch (e) {
        return `Cannot watch this canary: ${(e as Error).message}`;
      }
    } else {
      const { jobs, errors } = await analysisJobsFor(fileUri, text, doc.docIndex);
      if (errors.length)
        return `Cannot watch this ${doc.format === 'argo' ? 'Rollout' : 'Canary'} through its analysis: ${errors.join(' ')}`;
      watcher = new AnalysisWatcher(jobs, {
        intervalMs,
        service: doc.service ?? 'canary',
        steps: doc.plan.steps.map((s) => s.weight).filter((w): w is number => w !== null),
        stepIntervalMs: doc.plan.interval?.ms ?? null,
      });
    }
    this.stopActive();
    const key = configKey(fileUri, doc.docIndex);
    const active: ActiveWatch = {
      key,
      format: doc.format,
      uri: fileUri,
      docIndex: doc.docIndex,
      label: labelOf(fileUri, doc.docIndex),
      service: doc.service ?? 'canary',
      plan: doc.plan,
      budget: doc.budget,
      watcher,
      intervalMs,
      abort: undefined,
      unsubscribe: () => undefined,
      paused: false,
      charts: [],
      last: undefined,
    };
    this.attach(active, watcher);
    this.active = active;
    this.log.appendLine(`[canary] watching ${active.label} every ${intervalMs / 1000}s`);
    this.run(active);
    void this.backfill(active);
    void vscode.commands.executeCommand('setContext', 'releaseSafety.watching', true);
    void vscode.commands.executeCommand('setContext', 'releaseSafety.watchPaused', false);
    this.stateEmitter.fire();
    return undefined;
  }

  pause(): void {
    const a = this.active;
    if (!a || a.paused) return;
    a.paused = true;
    a.abort?.abort();
    a.abort = undefined;
    void vscode.commands.executeCommand('setContext', 'releaseSafety.watchPaused', true);
    this.stateEmitter.fire();
  }

  resume(): void {
    const a = this.active;
    if (!a || !a.paused) return;
    if (!this.trusted) {
      void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE);
      return;
    }
    a.paused = false;
    this.run(a);
    void vscode.commands.executeCommand('setContext', 'releaseSafety.watchPaused', false);
    this.stateEmitter.fire();
  }

  stop(): void {
    if (!this.active) return;
    this.stopActive();
    void vscode.commands.executeCommand('setContext', 'releaseSafety.watching', false);
    this.stateEmitter.fire();
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.stopActive();
    for (const d of this.disposables) d.dispose();
  }

  private attach(a: ActiveWatch, watcher: LiveWatcher): void {
    a.unsubscribe = watcher.onReading((raw) => {
      // A poll that was already answered when the user paused must not show up as a new reading.
      if (this.active !== a || a.watcher !== watcher || a.paused) return;
      const view = toReadingView(raw);
      const delay = watcher.nextDelayMs(raw);
      const event: ReadingEvent = { raw, view, backoffMs: delay > a.intervalMs ? delay : null };
      a.last = event;
      appendReading(a.charts, view);
      this.readingEmitter.fire(event);
    });
  }

  /** Fills the charts with the source's past half hour, so they are full from the first second. */
  private async backfill(a: ActiveWatch): Promise<void> {
    const backfill = a.watcher.backfill;
    if (!backfill) return;
    const abort = new AbortController();
    const stopped = () => this.active !== a;
    const stop = setInterval(() => stopped() && abort.abort(), 1000);
    try {
      const series = await backfill.call(a.watcher, HISTORY_WINDOW_MS, abort.signal);
      if (stopped()) return;
      mergeBackfill(a.charts, series, Date.now());
      this.log.appendLine(
        `[canary] charts of ${a.label} filled with ${series.reduce((n, s) => n + s.points.length, 0)} past points`,
      );
      this.stateEmitter.fire();
    } catch (e) {
      // No history is no loss: the charts grow from the live readings as before.
      if (!stopped())
        this.log.appendLine(`[canary] no history for the charts of ${a.label}: ${(e as Error)?.message ?? String(e)}`);
    } finally {
      clearInterval(stop);
    }
  }

  private run(a: ActiveWatch): void {
    const abort = new AbortController();
    a.abort = abort;
    a.watcher
      .run(abort.signal)
      .catch((e) => this.log.appendLine(`[canary] the watch stopped on an error: ${String(e)}`));
  }

  /** The setting changed: the core watcher takes its interval at creation, so make a new one. */
  private applyPollInterval(): void {
    const a = this.active;
    const intervalMs = pollIntervalMs();
    if (!a || a.intervalMs === intervalMs) return;
    if (a.format !== 'native') {
      this.log.appendLine('[canary] the new poll interval applies when the analysis is watched again');
      return;
    }
    let watcher: LiveWatcher;
    try {
      watcher = this.factory(a.plan, {
        intervalMs,
        baseDir: dirname(a.uri.fsPath),
        ...(a.budget ? { budget: a.budget } : {}),
      });
    } catch (e) {
      this.log.appendLine(`[canary] could not apply the new poll interval: ${(e as Error).message}`);
      return;
    }
    a.abort?.abort();
    a.abort = undefined;
    a.unsubscribe();
    a.watcher = watcher;
    a.intervalMs = intervalMs;
    this.attach(a, watcher);
    if (!a.paused) this.run(a);
    this.stateEmitter.fire();
  }

  private stopActive(): void {
    const a = this.active;
    if (!a) return;
    a.abort?.abort();
    a.unsubscribe();
    this.active = undefined;
    this.log.appendLine(`[canary] stopped watching ${a.label}`);
  }
}

/** `releaseSafety.prometheusUrl` replaces a native Prometheus source's in-cluster address. */
function withPrometheusUrl(plan: CanaryPlan, url: string | undefined): CanaryPlan {
  if (!url || !plan.source?.prometheus) return plan;
  return { ...plan, source: { ...plan.source, prometheus: { ...plan.source.prometheus, url } } };
}

export function pollIntervalMs(): number {
  const s = vscode.workspace.getConfiguration('releaseSafety').get<number>('pollInterval', DEFAULT_POLL_INTERVAL_S);
  return Math.round((Number.isFinite(s) && s >= 1 ? s : DEFAULT_POLL_INTERVAL_S) * 1000);
}

function configKey(fileUri: vscode.Uri, docIndex: number): string {
  return docIndex === 0 ? fileUri.toString() : `${fileUri.toString()}#doc=${docIndex}`;
}

function labelOf(fileUri: vscode.Uri, docIndex: number): string {
  const rel = vscode.workspace.asRelativePath(fileUri);
  return docIndex === 0 ? rel : `${rel} (document ${docIndex + 1})`;
}

/** The watch controller and its commands: watch (from the palette, the CodeLens, the view), pause, resume, stop. */
export function registerWatchController(
  context: vscode.ExtensionContext,
  factory: WatcherFactory,
  log: vscode.OutputChannel,
  configBudget?: (uri: vscode.Uri) => unknown,
): WatchController {
  const controller = new WatchController(factory, log, configBudget);
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand('releaseSafety.watchCanary', async (uri?: vscode.Uri, docIndex?: number) => {
      const target =
        uri instanceof vscode.Uri
          ? { fileUri: uri, docIndex: typeof docIndex === 'number' ? docIndex : undefined }
          : await pickCanary(controller);
      if (!target) return;
      const problem = await controller.watch(target.fileUri, target.docIndex);
      if (problem) {
        void vscode.window.showWarningMessage(problem);
        return;
      }
      await vscode.commands.executeCommand('releaseSafety.canary.focus');
    }),
    vscode.commands.registerCommand('releaseSafety.pauseWatching', () => controller.pause()),
    vscode.commands.registerCommand('releaseSafety.resumeWatching', () => controller.resume()),
    vscode.commands.registerCommand('releaseSafety.stopWatching', () => controller.stop()),
  );
  void vscode.commands.executeCommand('setContext', 'releaseSafety.watching', false);
  return controller;
}

/** The active editor's canary, else a pick from the workspace's canary configs. */
async function pickCanary(
  controller: WatchController,
): Promise<{ fileUri: vscode.Uri; docIndex?: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (
    editor &&
    /\.ya?ml$/i.test(editor.document.uri.path) &&
    !isLargeDocument(editor.document) &&
    mayHoldCanary(editor.document.getText()) &&
    canaryDocuments(editor.document.getText()).length > 0
  ) {
    return { fileUri: editor.document.uri };
  }
  await controller.refreshConfigs();
  const configs = controller.snapshot().configs;
  if (configs.length === 0) {
    void vscode.window.showInformationMessage(
      'No canary config found in this workspace: a YAML file with a top-level "canary:" key and a "source:".',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    configs.map((c) => ({
      label: c.service ?? '(no service name)',
      description: c.label,
      detail: c.hasSource ? undefined : 'No source: cannot be watched yet',
      key: c.uri,
    })),
    { placeHolder: 'Which canary do you want to watch?' },
  );
  return picked ? controller.findListed(picked.key) : undefined;
}
