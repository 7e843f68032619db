/**
 * Running journey items through the core runner (the run half of VS Code's test-provider sample):
 * each file of the request is loaded once (lint refusals included), its journeys run, and the
 * runner's events, which carry the `Journey` itself, are mapped to test items by identity. Every
 * state goes through one `RunStates` object, which also tells `onDidRecord` (what the Test Explorer
 * shows, for tests and the API).
 */
import * as vscode from 'vscode';
import type { Journey } from '../../core/synthetic/model';
import type { LintConfig } from '../../core/config/lintConfig';
import type { Ref } from '../../core/parse/yamlNodes';
import { loadJourneyFile } from '../../core/journey/safety';
import { run, type RunOptions } from '../../core/journey/runner';
import type { JourneyResult, RunResult, StepResult } from '../../core/journey/result';
import { journeyId, rangeFrom, textOf, type JourneyTree } from './journeyTree';
import { editorBrowserProxy } from '../browserProxy';
import { stepLine } from './stepLine';
import type { JourneyVariables } from './journeyVariables';

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

/** What a run needs from around it: the tree, secrets, consent, settings, where to log. */
export interface JourneyRunContext {
  tree: JourneyTree;
  output: vscode.OutputChannel;
  /** `allowedThisRun`: hosts answered with "Run once" in this run (one question per host, not per file). */
  consent: {
    confirm(
      journeys: Journey[],
      env: (name: string) => string | undefined,
      allowedThisRun?: Set<string>,
    ): Promise<boolean>;
  };
  /** `${env:..}` and `${secret:..}`: the workspace's .env, then one question for every missing value. */
  variables: Pick<JourneyVariables, 'resolve'>;
  /** The lint config for a file (refusals follow the same severities as the Problems panel). */
  lintConfig(uri: vscode.Uri): LintConfig;
  screenshotDir: string;
}

/** The one place test states are set: on the TestRun, and told to listeners. */
export class RunStates {
  constructor(
    private readonly testRun: vscode.TestRun,
    private readonly record: (state: RecordedState) => void,
  ) {}

  started(item: vscode.TestItem): void {
    this.testRun.started(item);
    this.record({ id: item.id, state: 'started' });
  }

  skipped(item: vscode.TestItem): void {
    this.testRun.skipped(item);
    this.record({ id: item.id, state: 'skipped' });
  }

  passed(item: vscode.TestItem, durationMs?: number): void {
    this.testRun.passed(item, durationMs);
    this.record({ id: item.id, state: 'passed' });
  }

  failed(item: vscode.TestItem, message: vscode.TestMessage, durationMs?: number): void {
    this.testRun.failed(item, message, durationMs);
    this.record({ id: item.id, state: 'failed', ...described(message) });
  }

  errored(item: vscode.TestItem, message: vscode.TestMessage, durationMs?: number): void {
    this.testRun.errored(item, message, durationMs);
    this.record({ id: item.id, state: 'errored', ...described(message) });
  }

  appendOutput(text: string, item?: vscode.TestItem): void {
    this.testRun.appendOutput(text, undefined, item);
  }
}

function described(m: vscode.TestMessage): Pick<RecordedState, 'message' | 'line'> {
  return {
    message: typeof m.message === 'string' ? m.message : m.message.value,
    ...(m.location ? { line: m.location.range.start.line } : {}),
    ...(m.expectedOutput !== undefined ? { expected: m.expectedOutput } : {}),
    ...(m.actualOutput !== undefined ? { actual: m.actualOutput } : {}),
  };
}

/** Runs the journeys a request covers, file by file; resolves with the last file's result. */
export async function runJourneyItems(
  ctx: JourneyRunContext,
  request: vscode.TestRunRequest,
  states: RunStates,
  token: vscode.CancellationToken,
  headed: boolean,
): Promise<RunResult | undefined> {
  const items = ctx.tree.journeyItemsOf(request);
  const fail = (item: vscode.TestItem, message: string, location?: vscode.Location) => {
    const m = new vscode.TestMessage(message);
    if (location) m.location = location;
    states.errored(item, m);
  };
  if (!vscode.workspace.isTrusted) {
    for (const item of items)
      fail(
        item,
        'Journeys do not run in an untrusted workspace: they send requests with your secrets. Trust the workspace to run them.',
      );
    return undefined;
  }
  const byFile = new Map<string, { uri: vscode.Uri; items: vscode.TestItem[] }>();
  for (const item of items) {
    const d = ctx.tree.dataOf(item);
    if (d?.kind !== 'journey') continue;
    const entry = byFile.get(d.uri.toString()) ?? { uri: d.uri, items: [] };
    entry.items.push(item);
    byFile.set(d.uri.toString(), entry);
  }
  // "Run once" answers hold for every file of this run: one question per host, not one per file.
  const allowedThisRun = new Set<string>();
  let last: RunResult | undefined;
  for (const { uri, items: fileItems } of byFile.values()) {
    if (token.isCancellationRequested) break;
    last = (await runFile(ctx, uri, fileItems, states, token, headed, fail, allowedThisRun)) ?? last;
  }
  return last;
}

async function runFile(
  ctx: JourneyRunContext,
  uri: vscode.Uri,
  fileItems: vscode.TestItem[],
  states: RunStates,
  token: vscode.CancellationToken,
  headed: boolean,
  fail: (item: vscode.TestItem, message: string, location?: vscode.Location) => void,
  allowedThisRun: Set<string>,
): Promise<RunResult | undefined> {
  const text = await textOf(uri);
  if (text === undefined) {
    for (const item of fileItems) fail(item, `${vscode.workspace.asRelativePath(uri)} could not be read.`);
    return undefined;
  }
  const loaded = loadJourneyFile(text, { config: ctx.lintConfig(uri) });
  const location = (ref: Ref) => new vscode.Location(uri, rangeFrom(loaded.file.lineIndex, ref));
  // The file as it is now: its journeys by the id their items carry.
  const byId = new Map<string, Journey>();
  for (const c of loaded.configs) for (const j of c.journeys) byId.set(journeyId(uri, c.docIndex, j.index), j);
  const itemOf = new Map<Journey, vscode.TestItem>();
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
    itemOf.set(j, item);
  }
  const journeys = [...itemOf.keys()];
  if (journeys.length === 0) return undefined;
  // Every missing value is named in one question before anything is sent.
  const vars = await ctx.variables.resolve(uri, journeys, token);
  if (!vars.ok) {
    for (const item of itemOf.values()) fail(item, vars.message);
    return undefined;
  }
  const env = vars.env;
  if (!(await ctx.consent.confirm(journeys, env, allowedThisRun))) {
    for (const item of itemOf.values()) states.skipped(item);
    return undefined;
  }
  const stepItem = (j: Journey, index: number) => {
    const d = ctx.tree.dataOf(itemOf.get(j)!);
    return d?.kind === 'journey' ? d.steps.get(index) : undefined;
  };
  const ac = new AbortController();
  const sub = token.onCancellationRequested(() => ac.abort());
  const browserPath = vscode.workspace.getConfiguration('releaseSafety', uri).get<string>('browserPath') || undefined;
  const options: RunOptions = {
    env,
    secrets: vars.secret,
    secretHint: (name) =>
      `store it with "Release Safety: Manage Journey Secrets" or run again and enter ${name} when asked`,
    signal: ac.signal,
    // Browser journeys go through VS Code's http.proxy (else the environment's proxy), as its own requests do.
    browser: {
      headed,
      ...(browserPath ? { browserPath } : {}),
      screenshotDir: ctx.screenshotDir,
      ...withProxy(editorBrowserProxy(uri)),
      untrustedHint: EDITOR_TRUST_HINT,
    },
  };
  ctx.output.appendLine(
    `${new Date().toISOString()} ${vscode.workspace.asRelativePath(uri)}: running ${journeys.length} journey${journeys.length === 1 ? '' : 's'}${headed ? ' (headed)' : ''}`,
  );
  try {
    return await run(journeys, options, {
      journeyStarted: (j) => states.started(itemOf.get(j)!),
      stepStarted: (j, s) => {
        const step = stepItem(j, s.index);
        if (step) states.started(step);
      },
      stepFinished: (j, s) => {
        const step = stepItem(j, s.index);
        if (step) reportStep(states, step, s, location);
        const line = stepLine(j.name, s);
        ctx.output.appendLine(line);
        states.appendOutput(`${line.replace(/\n/g, '\r\n')}\r\n`, step);
      },
      journeyFinished: (jr, j) => {
        for (const s of jr.steps) {
          const step = s.status === 'skipped' ? stepItem(j, s.index) : undefined;
          if (step) states.skipped(step);
        }
        reportJourney(states, itemOf.get(j)!, jr, location);
        ctx.output.appendLine(
          `${jr.status === 'passed' ? 'PASS' : jr.status === 'failed' ? 'FAIL' : 'SKIP'} ${jr.name} (${jr.durationMs} ms)${jr.error ? `: ${jr.error.message}` : ''}`,
        );
      },
    });
  } finally {
    sub.dispose();
  }
}

function message(s: { error?: StepResult['error'] }, location: (ref: Ref) => vscode.Location): vscode.TestMessage {
  const e = s.error!;
  const m =
    e.expected !== undefined && e.actual !== undefined
      ? vscode.TestMessage.diff(e.message, e.expected, e.actual)
      : new vscode.TestMessage(e.message);
  m.location = location(e.ref);
  return m;
}

function reportStep(
  states: RunStates,
  item: vscode.TestItem,
  s: StepResult,
  location: (ref: Ref) => vscode.Location,
): void {
  if (s.status === 'passed') states.passed(item, s.durationMs);
  else if (s.status === 'failed') states.failed(item, message(s, location), s.durationMs);
  else states.skipped(item);
}

function reportJourney(
  states: RunStates,
  item: vscode.TestItem,
  j: JourneyResult,
  location: (ref: Ref) => vscode.Location,
): void {
  if (j.status === 'passed') states.passed(item, j.durationMs);
  else if (j.status === 'failed' && j.error) {
    const m = message(j, location);
    if (j.error.kind === 'config') states.errored(item, m, j.durationMs);
    else states.failed(item, m, j.durationMs);
  } else states.skipped(item);
}

/**
 * The editor has no --cacert: its browser is started with the user's HOME, so it trusts what the
 * user's Chromium trusts (on Linux the NSS database ~/.pki/nssdb, elsewhere the system's store).
 */
const EDITOR_TRUST_HINT =
  "If it comes from a private CA, add that CA to the trust store of your browser (Linux: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n company-ca -i ca.pem; macOS, Windows: the system's certificate store), or run the journey with the CLI: release-safety run FILE --cacert ca.pem";

function withProxy(proxy: ReturnType<typeof editorBrowserProxy>): {
  proxy?: NonNullable<ReturnType<typeof editorBrowserProxy>>;
} {
  return proxy ? { proxy } : {};
}
