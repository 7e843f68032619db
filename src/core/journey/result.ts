/**
 * The one result model of a journey run. The text, JSON and JUnit reporters, the Test Explorer
 * and the output channel all read this; nothing here is thrown, every failure is data.
 * Every string in it has already been through the redactor (see redact.ts).
 */
import type { Ref } from '../parse/yamlNodes';

export type RunStatus = 'passed' | 'failed' | 'skipped';

/** What kind of failure: lets reporters and the CLI choose words and exit codes without parsing messages. */
export type FailureKind =
  /** An `expect` did not hold (status, latency, json, body_contains, headers, expect_*). */
  | 'assertion'
  /** The request never got a full answer: refused, reset, DNS, bad port. */
  | 'network'
  /** The server's TLS certificate was not trusted. */
  | 'tls'
  /** The step's timeout or the journey's limit ran out. */
  | 'timeout'
  /** Too many redirects, a redirect loop, a redirect to a non-HTTP URL. */
  | 'redirect'
  /** The response was larger than the cap. */
  | 'too-large'
  /** A `capture` found nothing. */
  | 'capture'
  /** A browser action could not be done (selector not found, browser missing, crashed). */
  | 'browser'
  /** The journey cannot run as written: unknown variable, missing secret, bad URL. Nothing was sent. */
  | 'config'
  /** Lint marked the journey unsafe; it was not run. */
  | 'refused'
  /** The run was cancelled. */
  | 'cancelled'
  /** A write without `side_effects: sandbox | harmless` on its step: blocked (browser) or refused (API); nothing was sent. */
  | 'side-effect';

export interface StepFailure {
  kind: FailureKind;
  /** One sentence in the user's words: what happened and what to do next. */
  message: string;
  /** What the step expected, as text (for a diff), when it is an assertion. */
  expected?: string;
  /** What came, as text. */
  actual?: string;
  /** The failing step (0-based), or undefined for a journey-level failure. */
  stepIndex?: number;
  /** Where in the source: the failing expectation, or the step. */
  ref: Ref;
}

export interface StepTimings {
  /** From the first byte sent to the final response's headers (after redirects). */
  ttfbMs?: number;
  /** The whole step, body read included. */
  totalMs: number;
  /** Browser: the page's load time from its navigation timing. */
  loadMs?: number;
}

/** A write seen while the step ran: a request that changes data, allowed or blocked by the guard. */
export interface WriteRecord {
  /** The method the server acts on (an override's, when it names one). */
  method: string;
  /** Secrets redacted, no user:password. */
  url: string;
  /** True when the owning step declares `side_effects`; false: blocked before it left the browser. */
  allowed: boolean;
  /** The step whose declaration decided (0-based): the last action step that started before the write. */
  stepIndex: number;
  /** That step's label. */
  step?: string;
  /** How the method was named when not on the request line, e.g. `X-HTTP-Method-Override: DELETE`. */
  via?: string;
}

export interface StepResult {
  index: number;
  /** The step's `name:`, or a label such as `GET /api/health` / `click #submit`. */
  name: string;
  kind: string;
  status: RunStatus;
  durationMs: number;
  timings?: StepTimings;
  /** Attempts made (more than 1 only when `retries` applied). */
  attempts?: number;
  /** Final response's status code, for request steps that got one. */
  httpStatus?: number;
  /** Redirects followed. */
  redirects?: number;
  /** Screenshot written by this step (the `screenshot` step, or on failure). */
  screenshot?: string;
  /** Browser steps: the writes the page sent while this step ran (or that reached the guard then), allowed and blocked. */
  writes?: WriteRecord[];
  error?: StepFailure;
  ref: Ref;
}

export interface JourneyResult {
  index: number;
  name: string;
  kind: 'api' | 'browser';
  status: RunStatus;
  durationMs: number;
  steps: StepResult[];
  /** The failure that decided the journey (the failing step's, or a journey-level one). */
  error?: StepFailure;
  ref: Ref;
}

export interface RunResult {
  status: RunStatus;
  durationMs: number;
  journeys: JourneyResult[];
  /** The run was cancelled through its AbortSignal. */
  cancelled: boolean;
}

/** Failed when any failed, passed when all passed, otherwise skipped (cancelled or refused part). */
export function overallStatus(statuses: RunStatus[]): RunStatus {
  if (statuses.some((s) => s === 'failed')) return 'failed';
  if (statuses.every((s) => s === 'passed')) return 'passed';
  return 'skipped';
}

/** One line per write, as every report shows it: `blocked POST https://shop/api/orders (X-HTTP-Method-Override: DELETE)`. */
export function describeWrite(w: WriteRecord): string {
  return `${w.allowed ? 'allowed' : 'blocked'} ${w.method} ${w.url}${w.via ? ` (${w.via})` : ''}`;
}
