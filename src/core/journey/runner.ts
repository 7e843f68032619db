/**
 * `run(journeys, options, listener) -> result`: runs synthetic journeys and returns what happened
 * as data. Only a bug of ours can throw; a refused connection, a failed expectation, a timeout or
 * a cancellation is a failed or skipped step with the source range of what failed.
 *
 * Order of work for each journey: refuse it if lint says it is unsafe; resolve its secrets; check
 * every variable (nothing is sent when one is unknown); then run the steps one by one, stopping at
 * the first failure. Everything the listener and the result see has been through the redactor.
 */
import type { Journey, RequestStep, Step } from '../synthetic/model';
import type { Ref } from '../parse/yamlNodes';
import { JourneyDeadline } from './deadline';
import type { FetchLike } from '../net/network';
import { runHttpStep, stepLabel, type StepOutcome } from './httpStep';
import { looksSensitive, Redactor } from './redact';
import {
  overallStatus,
  type JourneyResult,
  type RunResult,
  type RunStatus,
  type StepFailure,
  type StepResult,
} from './result';
import { lateWrites } from './writeGuard';
import { checkJourneyVariables, scanVariables, secretNames, stepTexts, type VariableScope } from './variables';
// browserStep itself is light: playwright-core is imported (dynamically) only when a browser starts.
import { openBrowserSession, type BrowserOptions, type BrowserSession } from './browserStep';

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;
export const DEFAULT_JOURNEY_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_REDIRECTS = 10;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export interface Refusal {
  /** Why the journey is not run (the lint finding's message, with its rule id). */
  message: string;
  ref: Ref;
}

export interface RunOptions {
  /** `${env:NAME}`; default: nothing is set. */
  env?: (name: string) => string | undefined;
  /** `${secret:NAME}`: the editor's SecretStorage, the environment in the CLI. May prompt (async). */
  secrets?: (name: string) => string | undefined | Promise<string | undefined>;
  /** Appended to "the secret X is not set": where to set it, in the words of the caller. */
  secretHint?: (name: string) => string;
  signal?: AbortSignal;
  /** Journeys at once; default 1 (one at a time). */
  concurrency?: number;
  stepTimeoutMs?: number;
  journeyTimeoutMs?: number;
  maxRedirects?: number;
  maxResponseBytes?: number;
  /** Pause before the first retry of an idempotent step (doubles after). Default 250 ms. */
  retryDelayMs?: number;
  browser?: BrowserOptions;
  /** Sends the API steps (core/net: proxy, trusted CAs); default: the global fetch. */
  fetch?: FetchLike;
  /** Journeys lint marked unsafe (see safety.ts): reported as skipped with the reason, never run. */
  refusals?: ReadonlyMap<Journey, Refusal>;
}

/**
 * Progress of a run. Events carry the `Journey` (and `Step`) objects given to `run`, by identity,
 * so a listener maps them to its own items however many journeys run at once; results are
 * redacted copies.
 */
export interface RunListener {
  journeyStarted?(journey: Journey): void;
  stepStarted?(journey: Journey, step: Step, name: string): void;
  stepFinished?(journey: Journey, step: StepResult): void;
  journeyFinished?(result: JourneyResult, journey: Journey): void;
}

export async function run(
  journeys: readonly Journey[],
  options: RunOptions = {},
  listener: RunListener = {},
): Promise<RunResult> {
  const started = performance.now();
  const redactor = new Redactor();
  const env = options.env ?? (() => undefined);
  // Secrets of every journey are resolved (and registered for redaction) before anything is sent.
  const secrets = new Map<string, string>();
  for (const journey of journeys) {
    if (options.refusals?.has(journey)) continue;
    for (const name of secretNames(journey)) {
      if (secrets.has(name) || options.signal?.aborted) continue;
      let value: string | undefined;
      try {
        value = await options.secrets?.(name);
      } catch {
        value = undefined; // a secret store that fails is a missing secret, reported at its step
      }
      if (typeof value === 'string') {
        secrets.set(name, value);
        redactor.add(value);
      }
    }
    registerSensitiveEnv(journey, env, redactor);
  }
  // Node loads its fetch implementation on the first call (100+ ms on a busy machine); a data: URL
  // loads it without touching the network, so that cost never lands in a step's latency.
  if (journeys.some((j) => j.steps.some((s) => s.spec.kind === 'request'))) await warmUpFetch();
  const emit = safeListener(listener, redactor);
  let browser: Promise<BrowserSession> | undefined;
  const session = (): Promise<BrowserSession> => (browser ??= openBrowserSession(options.browser ?? {}, redactor));

  const results: JourneyResult[] = new Array(journeys.length);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  let next = 0;
  const worker = async () => {
    while (next < journeys.length) {
      const i = next++;
      const result = await runJourney(journeys[i], { ...options, env }, secrets, redactor, emit, session);
      results[i] = redactor.deep(result);
      emit.journeyFinished(results[i], journeys[i]);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, journeys.length) }, worker));
  } finally {
    if (browser)
      await browser.then(
        (b) => b.close(),
        () => undefined,
      );
  }
  return {
    status: overallStatus(results.map((r) => r.status)),
    durationMs: Math.round(performance.now() - started),
    journeys: results,
    cancelled: !!options.signal?.aborted,
  };
}

let fetchWarm: Promise<void> | undefined;
function warmUpFetch(): Promise<void> {
  return (fetchWarm ??= fetch('data:,warm-up')
    .then((r) => r.text())
    .then(
      () => undefined,
      () => undefined,
    ));
}

type Emit = Required<RunListener>;

/**
 * Results reach listeners as redacted copies; journeys and steps as the very objects given to
 * `run` (they hold the file as written, never a resolved secret). A listener that throws never
 * stops the run.
 */
function safeListener(listener: RunListener, redactor: Redactor): Emit {
  const call = (fn: ((...a: never[]) => void) | undefined, ...args: unknown[]) => {
    if (!fn) return; // nothing to copy for a listener that does not listen
    try {
      (fn as ((...a: unknown[]) => void) | undefined)?.(...args);
    } catch {
      // the listener's problem; the run goes on
    }
  };
  return {
    journeyStarted: (j) => call(listener.journeyStarted, j),
    stepStarted: (j, s, name) => call(listener.stepStarted, j, s, redactor.deep(name)),
    stepFinished: (j, s) => call(listener.stepFinished, j, redactor.deep(s)),
    journeyFinished: (r, j) => call(listener.journeyFinished, redactor.deep(r), j),
  };
}

/** Env values that carry credentials (by their name, or by where they are used) are hidden too. */
function registerSensitiveEnv(journey: Journey, env: (name: string) => string | undefined, redactor: Redactor): void {
  for (const step of journey.steps) {
    const sensitivePlace = sensitiveStep(step);
    for (const { text } of stepTexts(step)) {
      for (const r of scanVariables(text).refs) {
        if (r.kind !== 'env') continue;
        if (looksSensitive(r.name) || sensitivePlace(text)) redactor.add(env(r.name));
      }
    }
  }
}

function sensitiveStep(step: Step): (text: string) => boolean {
  const spec = step.spec;
  if (spec.kind === 'request') {
    const sensitiveHeaders = new Set(spec.headers.filter((h) => looksSensitive(h.name)).map((h) => h.value));
    return (text) => sensitiveHeaders.has(text);
  }
  if (spec.kind === 'fill') return () => looksSensitive(spec.selector ?? '') || /password/i.test(spec.selector ?? '');
  return () => false;
}

async function runJourney(
  journey: Journey,
  options: RunOptions & { env: (name: string) => string | undefined },
  secrets: ReadonlyMap<string, string>,
  redactor: Redactor,
  emit: Emit,
  session: () => Promise<BrowserSession>,
): Promise<JourneyResult> {
  const started = performance.now();
  const finish = (steps: StepResult[], error?: StepFailure, status?: RunStatus): JourneyResult => ({
    index: journey.index,
    name: journey.name,
    kind: journey.kind,
    status: status ?? overallStatus(steps.map((s) => s.status)),
    durationMs: Math.round(performance.now() - started),
    steps,
    ...(error ? { error } : {}),
    ref: journey.ref,
  });
  const skippedSteps = (from: number, error?: StepFailure): StepResult[] =>
    journey.steps.slice(from).map((s) => ({
      index: s.index,
      name: stepLabel(s),
      kind: s.spec.kind,
      status: 'skipped',
      durationMs: 0,
      ref: s.ref,
      ...(error ? { error } : {}),
    }));

  emit.journeyStarted(journey);
  const refusal = options.refusals?.get(journey);
  if (refusal) {
    const error: StepFailure = { kind: 'refused', message: `not run: ${refusal.message}`, ref: refusal.ref };
    return finish(skippedSteps(0), error, 'skipped');
  }
  if (options.signal?.aborted)
    return finish(
      skippedSteps(0),
      { kind: 'cancelled', message: 'the run was cancelled before this journey started', ref: journey.nameRef },
      'skipped',
    );

  const problems = checkJourneyVariables(journey, { env: options.env, secrets });
  if (problems.length) {
    const p = problems[0];
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more variable problem${problems.length > 2 ? 's' : ''})` : '';
    const hint = p.variable?.kind === 'secret' && options.secretHint ? `: ${options.secretHint(p.variable.name)}` : '';
    const message = `${p.message}${hint}${more}; nothing was sent`;
    const error: StepFailure = { kind: 'config', message, stepIndex: p.stepIndex, ref: p.ref };
    return finish(skippedSteps(0), error, 'failed');
  }
  if (journey.steps.length === 0)
    return finish([], { kind: 'config', message: 'the journey has no steps', ref: journey.nameRef }, 'failed');

  const captured = new Map<string, unknown>();
  const scope: VariableScope = { env: options.env, secrets, captured };
  const deadline = new JourneyDeadline(
    options.signal,
    journey.timeoutMs ?? options.journeyTimeoutMs ?? DEFAULT_JOURNEY_TIMEOUT_MS,
  );
  const steps: StepResult[] = [];
  let browserJourney: Awaited<ReturnType<BrowserSession['journey']>> | undefined;
  let failure: StepFailure | undefined;
  try {
    for (const [position, step] of journey.steps.entries()) {
      const name = stepLabel(step);
      if (deadline.signal.aborted) {
        const why = deadline.why()!;
        failure ??= { ...why, stepIndex: step.index, ref: step.ref };
        steps.push(...skippedSteps(position));
        break;
      }
      emit.stepStarted(journey, step, name);
      // The browser starts before the first browser step's clock: its start-up is not the page's time.
      let launchFailure: StepOutcome | undefined;
      if (step.spec.kind !== 'request' && !browserJourney) {
        const l0 = performance.now();
        try {
          browserJourney = await (await session()).journey(journey, deadline);
        } catch (e) {
          // Launching failed (missing, crashed, cancelled): the message says what to install or set.
          const why = deadline.why();
          launchFailure = {
            failure: { kind: why?.kind ?? 'browser', message: why?.message ?? (e as Error).message, ref: step.keyRef },
            timings: { totalMs: performance.now() - l0 },
            attempts: 1,
          };
        }
      }
      const t0 = performance.now();
      let outcome: StepOutcome;
      if (launchFailure) outcome = launchFailure;
      else if (step.spec.kind === 'request') {
        outcome = await runHttpStep(step as Step & { spec: RequestStep }, journey.baseUrl?.value, scope, deadline, {
          stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
          retries: journey.retries ?? 0,
          maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
          maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
          retryDelayMs: options.retryDelayMs ?? 250,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
      } else {
        outcome = await browserJourney!.runStep(step, scope, options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
      }
      for (const [k, v] of outcome.captured ?? []) {
        captured.set(k, v);
        if (looksSensitive(k)) redactor.add(typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v));
      }
      const cancelled = outcome.failure?.kind === 'cancelled';
      const result: StepResult = {
        index: step.index,
        name,
        kind: step.spec.kind,
        status: outcome.failure ? (cancelled ? 'skipped' : 'failed') : 'passed',
        durationMs: Math.round(performance.now() - t0),
        timings: roundTimings(outcome.timings),
        ...(outcome.attempts > 1 ? { attempts: outcome.attempts } : {}),
        ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}),
        ...(outcome.redirects ? { redirects: outcome.redirects } : {}),
        ...(outcome.screenshot ? { screenshot: outcome.screenshot } : {}),
        ...(outcome.writes ? { writes: outcome.writes } : {}),
        ...(outcome.failure ? { error: { ...outcome.failure, stepIndex: step.index } } : {}),
        ref: step.ref,
      };
      steps.push(redactor.deep(result));
      emit.stepFinished(journey, steps[steps.length - 1]);
      if (outcome.failure) {
        failure = result.error;
        steps.push(...skippedSteps(position + 1));
        break;
      }
    }
    // Writes the page sent after the last step (a late handler) are still judged: a blocked one fails the journey.
    if (browserJourney && !failure) failure = lateWrites(await browserJourney.finish(), steps, journey, redactor);
  } finally {
    deadline.dispose();
    if (browserJourney) await browserJourney.close().catch(() => undefined);
  }
  // A late blocked write fails the journey though every step passed.
  return finish(steps, failure, failure?.kind === 'side-effect' ? 'failed' : undefined);
}

function roundTimings(t: StepOutcome['timings']): StepOutcome['timings'] {
  return {
    ...(t.ttfbMs !== undefined ? { ttfbMs: Math.round(t.ttfbMs) } : {}),
    totalMs: Math.round(t.totalMs),
    ...(t.loadMs !== undefined ? { loadMs: Math.round(t.loadMs) } : {}),
  };
}
