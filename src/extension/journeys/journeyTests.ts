/**
 * Synthetic journeys in the Test Explorer: each synthetic file, its journeys and their steps as
 * test items with ranges; "Run" and "Run headed" profiles; results with durations and the failure
 * message at the failing step's line (expected vs actual as a diff). Also the "Run journey"
 * CodeLens command, the "Run Journey..." quick pick and an output channel with one line per step.
 * Everything runs through the core runner (src/core/journey): the editor only asks and shows.
 */
import * as vscode from 'vscode';
import { editorBrowserProxy } from '../browserProxy';
import { readFileSync } from 'node:fs';
import { parseFile } from '../../core/parse/parseFile';
import { buildSyntheticConfig } from '../../core/synthetic/buildSynthetic';
import type { Journey } from '../../core/synthetic/model';
import type { Ref } from '../../core/parse/yamlNodes';
import type { LineIndex } from '../../core/text/lineIndex';
import { loadJourneyFile } from '../../core/journey/safety';
import { run, type RunOptions } from '../../core/journey/runner';
import { stepLabel } from '../../core/journey/httpStep';
import type { JourneyResult, RunResult, StepResult } from '../../core/journey/result';
import { ConfigFileCache, effectiveConfig, readSettings } from '../settings';
import { RUN_JOURNEY_COMMAND } from '../codeLens';
import { HostConsent } from './hostConsent';
import { JourneySecrets, registerSecretCommands } from './journeySecrets';

export const RUN_JOURNEY_PICK_COMMAND = 'releaseSafety.runJourneyPick';

/** What tests and other features may use (through the extension's exported API). */
export interface JourneysApi {
  readonly controller: vscode.TestController;
  readonly secrets: JourneySecrets;
  readonly consent: HostConsent;
  /** Runs one journey as the CodeLens does; resolves with the core's result (undefined when nothing ran). */
  runJourney(uri: vscode.Uri, journeyIndex: number, docIndex: number, headed?: boolean): Promise<RunResult | undefined>;
  /** Finds the journeys of a file now (normally done on open and on change). */
  discover(uri: vscode.Uri): Promise<vscode.TestItem | undefined>;
  /** Each state given to a test item, with its message's line: what the Test Explorer shows (for tests). */
  readonly onDidRecord: vscode.Event<RecordedState>;
}

export interface RecordedState {
  id: string;
  state: 'started' | 'passed' | 'failed' | 'errored' | 'skipped';
  message?: string;
  /** 0-based line of the message's location. */
  line?: number;
  /** A diff message's two sides, as the Test Explorer shows them. */
  expected?: string;
  actual?: string;
}

const journeyId = (uri: vscode.Uri, docIndex: number, index: number) => `${uri.toString()}#${docIndex}/${index}`;
const stepId = (journey: string, index: number) => `${journey}/${index}`;

function rangeFrom(lineIndex: LineIndex, ref: Ref): vscode.Range {
  const a = lineIndex.positionAt(ref.offset);
  const b = lineIndex.positionAt(ref.offset + ref.length);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

export function registerJourneys(context: vscode.ExtensionContext): JourneysApi {
  const controller = vscode.tests.createTestController('releaseSafety.journeys', 'Release Safety journeys');
  const output = vscode.window.createOutputChannel('Release Safety Journeys');
  const secrets = new JourneySecrets(context);
  const consent = new HostConsent(context.workspaceState);
  const configs = new ConfigFileCache();
  context.subscriptions.push(controller, output);
  registerSecretCommands(context, secrets);

  const textOf = async (uri: vscode.Uri): Promise<string | undefined> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return uri.scheme === 'file' ? readFileSync(uri.fsPath, 'utf8') : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  };

  /** (Re)builds a file's items from its text; a file without journeys has no item. */
  const update = (uri: vscode.Uri, text: string): vscode.TestItem | undefined => {
    if (!/^\s*synthetic\s*:/m.test(text)) {
      controller.items.delete(uri.toString());
      return undefined;
    }
    const file = parseFile(text);
    const journeys = file.documents.filter((d) => d.kind === 'synthetic').flatMap((d) => buildSyntheticConfig(d, file)?.journeys.map((j) => ({ j, docIndex: d.index })) ?? []);
    if (journeys.length === 0) {
      controller.items.delete(uri.toString());
      return undefined;
    }
    const item = controller.items.get(uri.toString()) ?? controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    const children: vscode.TestItem[] = [];
    for (const { j, docIndex } of journeys) {
      const id = journeyId(uri, docIndex, j.index);
      const ji = controller.createTestItem(id, j.name, uri);
      ji.range = rangeFrom(file.lineIndex, j.nameRef);
      ji.description = j.kind === 'browser' ? 'browser' : 'api';
      ji.tags = [new vscode.TestTag(j.kind)];
      ji.children.replace(
        j.steps.map((s) => {
          const si = controller.createTestItem(stepId(id, s.index), stepLabel(s), uri);
          si.range = rangeFrom(file.lineIndex, s.ref);
          return si;
        }),
      );
      children.push(ji);
    }
    item.children.replace(children);
    controller.items.add(item);
    return item;
  };

  const discover = async (uri: vscode.Uri) => {
    const text = await textOf(uri);
    return text === undefined ? undefined : update(uri, text);
  };
  const isYaml = (d: vscode.TextDocument) => d.languageId === 'yaml' || /\.ya?ml$/i.test(d.uri.path);
  for (const d of vscode.workspace.textDocuments) if (isYaml(d)) update(d.uri, d.getText());
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => isYaml(d) && update(d.uri, d.getText())),
    vscode.workspace.onDidChangeTextDocument((e) => isYaml(e.document) && update(e.document.uri, e.document.getText())),
  );
  // The Test Explorer asks for everything: look through the workspace's YAML files once.
  controller.resolveHandler = async (item) => {
    if (item) return;
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', 2000);
    for (const uri of files) await discover(uri);
  };
  controller.refreshHandler = async () => {
    configs.invalidate();
    await controller.resolveHandler?.(undefined);
  };

  const recorded = new vscode.EventEmitter<RecordedState>();
  context.subscriptions.push(recorded);
  const runHandler = (headed: boolean) => async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<RunResult | undefined> => {
    const testRun = recording(controller.createTestRun(request, headed ? 'Run journeys (headed)' : 'Run journeys'), recorded);
    try {
      return await runRequest(request, testRun, token, headed);
    } finally {
      testRun.end();
    }
  };

  /** The journey items a request covers: a file means its journeys, a step means its journey. */
  const journeyItemsOf = (request: vscode.TestRunRequest): vscode.TestItem[] => {
    const out = new Map<string, vscode.TestItem>();
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const add = (item: vscode.TestItem) => {
      if (excluded.has(item.id)) return;
      if (!item.id.includes('#')) return item.children.forEach(add); // a file: its journeys
      const journey = item.parent?.id.includes('#') ? item.parent : item; // a step runs its whole journey
      if (!excluded.has(journey.id)) out.set(journey.id, journey);
    };
    if (request.include) request.include.forEach(add);
    else controller.items.forEach(add);
    return [...out.values()];
  };

  const runRequest = async (request: vscode.TestRunRequest, testRun: vscode.TestRun, token: vscode.CancellationToken, headed: boolean): Promise<RunResult | undefined> => {
    const items = journeyItemsOf(request);
    const fail = (item: vscode.TestItem, message: string, location?: vscode.Location) => {
      const m = new vscode.TestMessage(message);
      if (location) m.location = location;
      testRun.errored(item, m);
    };
    if (!vscode.workspace.isTrusted) {
      for (const item of items) fail(item, 'Journeys do not run in an untrusted workspace: they send requests with your secrets. Trust the workspace to run them.');
      return undefined;
    }
    const byFile = new Map<string, vscode.TestItem[]>();
    for (const item of items) {
      const key = item.uri!.toString();
      byFile.set(key, [...(byFile.get(key) ?? []), item]);
    }
    const env = (name: string) => process.env[name];
    let last: RunResult | undefined;
    for (const [key, fileItems] of byFile) {
      if (token.isCancellationRequested) break;
      const uri = vscode.Uri.parse(key);
      const text = await textOf(uri);
      if (text === undefined) {
        for (const item of fileItems) fail(item, `${vscode.workspace.asRelativePath(uri)} could not be read.`);
        continue;
      }
      const settings = readSettings(uri);
      const loaded = loadJourneyFile(text, { config: effectiveConfig(configs.forUri(uri), settings) });
      const location = (ref: Ref) => new vscode.Location(uri, rangeFrom(loaded.file.lineIndex, ref));
      const wanted = new Set(fileItems.map((i) => i.id));
      const byId = new Map<string, Journey>();
      for (const c of loaded.configs) for (const j of c.journeys) byId.set(journeyId(uri, c.docIndex, j.index), j);
      const journeys: Journey[] = [];
      for (const item of fileItems) {
        const j = byId.get(item.id);
        if (!j) {
          fail(item, 'This journey is no longer in the file; refresh the tests.');
          continue;
        }
        const refusal = loaded.refusals.get(j);
        if (refusal) {
          fail(item, `Not run: ${refusal.message}`, location(refusal.ref));
          continue;
        }
        journeys.push(j);
      }
      if (journeys.length === 0) continue;
      if (!(await consent.confirm(journeys, env))) {
        for (const j of journeys) testRun.skipped(itemFor(uri, loaded, j)!);
        continue;
      }
      const itemOf = (j: { index: number }, docIndex: number) => fileItems.find((i) => i.id === journeyId(uri, docIndex, j.index));
      const docOf = new Map<Journey, number>();
      for (const c of loaded.configs) for (const j of c.journeys) docOf.set(j, c.docIndex);
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      const browserPath = vscode.workspace.getConfiguration('releaseSafety', uri).get<string>('browserPath') || undefined;
      const storage = context.storageUri ?? context.globalStorageUri;
      const options: RunOptions = {
        env,
        secrets: (name) => secrets.getOrAsk(name, token),
        secretHint: (name) => `store it with "Release Safety: Manage Journey Secrets" or run again and enter ${name} when asked`,
        signal: ac.signal,
        browser: { headed, ...(browserPath ? { browserPath } : {}), screenshotDir: vscode.Uri.joinPath(storage, 'screenshots').fsPath, ...withProxy(editorBrowserProxy(uri)) },
      };
      // Results come back in journey order; keyed by position so two journeys of one name stay apart.
      const running = journeys.map((j) => ({ j, item: itemOf(j, docOf.get(j)!) }));
      let current = 0;
      output.appendLine(`${new Date().toISOString()} ${vscode.workspace.asRelativePath(uri)}: running ${journeys.length} journey${journeys.length === 1 ? '' : 's'}${headed ? ' (headed)' : ''}`);
      const result = await run(journeys, options, {
        journeyStarted: (info) => {
          current = running.findIndex((r, i) => i >= current && r.j.index === info.index);
          const item = running[current]?.item;
          if (item) testRun.started(item);
        },
        stepStarted: (_j, s) => {
          const step = running[current]?.item?.children.get(stepId(running[current].item!.id, s.index));
          if (step) testRun.started(step);
        },
        stepFinished: (_j, s) => {
          const parent = running[current]?.item;
          const step = parent?.children.get(stepId(parent.id, s.index));
          if (step) report(testRun, step, s, location);
          const line = stepLine(running[current]?.j.name ?? '', s);
          output.appendLine(line);
          testRun.appendOutput(`${line}\r\n`, undefined, step);
        },
        journeyFinished: (jr) => {
          const parent = running[current]?.item;
          if (!parent) return;
          for (const s of jr.steps) if (s.status === 'skipped') {
            const step = parent.children.get(stepId(parent.id, s.index));
            if (step) testRun.skipped(step);
          }
          reportJourney(testRun, parent, jr, location);
          output.appendLine(`${jr.status === 'passed' ? 'PASS' : jr.status === 'failed' ? 'FAIL' : 'SKIP'} ${jr.name} (${jr.durationMs} ms)${jr.error ? `: ${jr.error.message}` : ''}`);
        },
      });
      sub.dispose();
      last = result;
    }
    return last;
  };

  const itemFor = (uri: vscode.Uri, loaded: ReturnType<typeof loadJourneyFile>, j: Journey) => {
    const c = loaded.configs.find((x) => x.journeys.includes(j));
    return c ? controller.items.get(uri.toString())?.children.get(journeyId(uri, c.docIndex, j.index)) : undefined;
  };

  const runProfile = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (r, t) => void runHandler(false)(r, t), true);
  const headedProfile = controller.createRunProfile('Run headed', vscode.TestRunProfileKind.Run, (r, t) => void runHandler(true)(r, t), false, new vscode.TestTag('browser'));
  context.subscriptions.push(runProfile, headedProfile);

  const runJourney = async (uri: vscode.Uri, journeyIndex: number, docIndex: number, headed = false): Promise<RunResult | undefined> => {
    const fileItem = await discover(uri);
    const item = fileItem?.children.get(journeyId(uri, docIndex, journeyIndex));
    if (!item) {
      void vscode.window.showWarningMessage('Release Safety: that journey was not found in the file (was it just renamed?).');
      return undefined;
    }
    const cts = new vscode.CancellationTokenSource();
    try {
      return await runHandler(headed)(new vscode.TestRunRequest([item], undefined, headed ? headedProfile : runProfile), cts.token);
    } finally {
      cts.dispose();
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(RUN_JOURNEY_COMMAND, async (uri?: unknown, _name?: unknown, journeyIndex?: unknown, docIndex?: unknown) => {
      if (uri instanceof vscode.Uri && typeof journeyIndex === 'number' && typeof docIndex === 'number') return runJourney(uri, journeyIndex, docIndex);
      return vscode.commands.executeCommand(RUN_JOURNEY_PICK_COMMAND);
    }),
    vscode.commands.registerCommand(RUN_JOURNEY_PICK_COMMAND, async () => {
      const active = vscode.window.activeTextEditor?.document;
      if (active) await discover(active.uri);
      else await controller.resolveHandler?.(undefined);
      const picks: Array<vscode.QuickPickItem & { item: vscode.TestItem }> = [];
      controller.items.forEach((file) => {
        if (active && file.id !== active.uri.toString() && controller.items.get(active.uri.toString())) return;
        file.children.forEach((j) => picks.push({ label: j.label, description: `${j.description ?? ''} · ${file.label}`, item: j }));
      });
      if (picks.length === 0) {
        void vscode.window.showInformationMessage('No synthetic journeys here: open a file with a "synthetic:" block (or create one with "Release Safety: New Synthetic Journey").');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(picks, { title: 'Release Safety: Run Journey', placeHolder: 'Which journey?', matchOnDescription: true });
      if (!picked) return undefined;
      const cts = new vscode.CancellationTokenSource();
      try {
        return await runHandler(false)(new vscode.TestRunRequest([picked.item], undefined, runProfile), cts.token);
      } finally {
        cts.dispose();
      }
    }),
  );

  return { controller, secrets, consent, runJourney, discover, onDidRecord: recorded.event };
}

/** A TestRun that also tells `onDidRecord` what it was told. */
function recording(run: vscode.TestRun, emitter: vscode.EventEmitter<RecordedState>): vscode.TestRun {
  const fire = (item: vscode.TestItem, state: RecordedState['state'], m?: vscode.TestMessage | readonly vscode.TestMessage[]) => {
    const first = Array.isArray(m) ? m[0] : (m as vscode.TestMessage | undefined);
    emitter.fire({ id: item.id, state, ...(first ? { message: typeof first.message === 'string' ? first.message : first.message.value } : {}), ...(first?.location ? { line: first.location.range.start.line } : {}), ...(first?.expectedOutput !== undefined ? { expected: first.expectedOutput } : {}), ...(first?.actualOutput !== undefined ? { actual: first.actualOutput } : {}) });
  };
  return new Proxy(run, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'started' || prop === 'skipped') return (item: vscode.TestItem) => (fire(item, prop), value.call(target, item));
      if (prop === 'passed') return (item: vscode.TestItem, d?: number) => (fire(item, 'passed'), value.call(target, item, d));
      if (prop === 'failed' || prop === 'errored') return (item: vscode.TestItem, m: vscode.TestMessage, d?: number) => (fire(item, prop, m), value.call(target, item, m, d));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function message(s: { error?: StepResult['error'] }, location: (ref: Ref) => vscode.Location): vscode.TestMessage {
  const e = s.error!;
  const m = e.expected !== undefined && e.actual !== undefined ? vscode.TestMessage.diff(e.message, e.expected, e.actual) : new vscode.TestMessage(e.message);
  m.location = location(e.ref);
  return m;
}

function report(testRun: vscode.TestRun, item: vscode.TestItem, s: StepResult, location: (ref: Ref) => vscode.Location): void {
  if (s.status === 'passed') testRun.passed(item, s.durationMs);
  else if (s.status === 'failed') testRun.failed(item, message(s, location), s.durationMs);
  else testRun.skipped(item);
}

function reportJourney(testRun: vscode.TestRun, item: vscode.TestItem, j: JourneyResult, location: (ref: Ref) => vscode.Location): void {
  if (j.status === 'passed') testRun.passed(item, j.durationMs);
  else if (j.status === 'failed' && j.error) {
    const m = message(j, location);
    if (j.error.kind === 'config') testRun.errored(item, m, j.durationMs);
    else testRun.failed(item, m, j.durationMs);
  } else testRun.skipped(item);
}

/** One output line per step: status, name, HTTP status and timings (already redacted by the runner). */
export function stepLine(journey: string, s: StepResult): string {
  const facts = [s.httpStatus, s.timings?.ttfbMs !== undefined ? `ttfb ${s.timings.ttfbMs} ms` : undefined, s.timings?.loadMs !== undefined ? `load ${s.timings.loadMs} ms` : undefined, `${s.durationMs} ms`].filter((x) => x !== undefined);
  const status = s.status === 'passed' ? 'ok  ' : s.status === 'failed' ? 'FAIL' : 'skip';
  return `  ${status} ${journey} > ${s.name} (${facts.join(', ')})${s.status === 'failed' && s.error ? `: ${s.error.message}` : ''}`;
}

function withProxy(proxy: ReturnType<typeof editorBrowserProxy>): { proxy?: NonNullable<ReturnType<typeof editorBrowserProxy>> } {
  return proxy ? { proxy } : {};
}
