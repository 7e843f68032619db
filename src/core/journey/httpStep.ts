/**
 * Runs one `request:` step: builds the request (variables substituted, path joined to base_url,
 * JSON or text body), sends it through httpFetch, checks `expect`, applies `capture`, and retries
 * when the journey allows it and the method is idempotent (RFC 9110: a repeat does no extra harm).
 */
import type { Ref } from '../parse/yamlNodes';
import type { RequestStep, Step } from '../synthetic/model';
import { sleep, type JourneyDeadline } from './deadline';
import { httpFetch, type HttpLimits } from './httpFetch';
import type { FetchLike } from '../net/network';
import { applyCaptures, checkExpectations, expectsRedirect } from './httpExpect';
import type { StepFailure, StepTimings, WriteRecord } from './result';
import { substitute, substituteDeep, VariableError, type VariableScope } from './variables';
import { allowsWrites, declarationHint, effectiveMethod, isWriteMethod, SIDE_EFFECT_VALUES } from './sideEffects';
import { displayUrl } from './writeGuard';

export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export interface HttpStepOptions {
  stepTimeoutMs: number;
  retries: number;
  maxRedirects: number;
  maxBytes: number;
  /** Pause before a retry (grows with each attempt). */
  retryDelayMs: number;
  /** The network to send through (proxy, trusted CAs); default: the global fetch. */
  fetch?: FetchLike;
}

export interface StepOutcome {
  failure?: Omit<StepFailure, 'stepIndex'>;
  timings: StepTimings;
  attempts: number;
  httpStatus?: number;
  redirects?: number;
  /** A screenshot file written by the step. */
  screenshot?: string;
  /** Values captured for later steps. */
  captured?: Map<string, unknown>;
  /** Browser steps: the writes the page sent, allowed and blocked. */
  writes?: WriteRecord[];
}

/** The final URL of a step: absolute as written, or its path joined to base_url. */
export function resolveUrl(raw: string, baseUrl: string | undefined): URL {
  const text = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const u = new URL(text);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new VariableError(`${u.protocol} URLs cannot be requested: use http:// or https://`);
    return u;
  }
  if (!baseUrl)
    throw new VariableError(
      `"${text}" is a path and there is no base_url: add base_url to the synthetic block or the journey, or write a full URL`,
    );
  let base: URL;
  try {
    base = parsedBase(baseUrl);
  } catch {
    throw new VariableError(`base_url "${baseUrl}" is not a URL: write it as https://host[:port][/path]`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new VariableError(`base_url must start with http:// or https://`);
  // Joined, not resolved: base_url https://h/v2 + /users is https://h/v2/users, as users expect.
  const joined = text.startsWith('?')
    ? base.href.replace(/\?.*$/, '') + text
    : `${base.origin}${base.pathname.replace(/\/+$/, '')}/${text.replace(/^\/+/, '')}`;
  return new URL(joined);
}

/** The last base_url parsed: every step of a journey joins its path to the same one. */
let lastBase: { text: string; url: URL } | undefined;
function parsedBase(text: string): URL {
  if (lastBase?.text !== text) lastBase = { text, url: new URL(text.trim()) };
  return lastBase.url;
}

export function stepLabel(step: Step): string {
  if (step.name) return step.name;
  const s = step.spec;
  if (s.kind === 'request') return `${s.method.toUpperCase()} ${s.url}`;
  const what = s.selector ?? s.target ?? s.value;
  return what !== undefined ? `${s.kind} ${what}` : s.kind;
}

function buildBody(body: unknown, scope: VariableScope, headers: Record<string, string>): string | undefined {
  if (body === undefined || body === null) return undefined;
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  if (typeof body === 'string') {
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
    return substitute(body, scope);
  }
  if (!hasType) headers['content-type'] = 'application/json';
  return JSON.stringify(substituteDeep(body, scope));
}

export async function runHttpStep(
  step: Step & { spec: RequestStep },
  baseUrl: string | undefined,
  scope: VariableScope,
  journey: JourneyDeadline,
  options: HttpStepOptions,
): Promise<StepOutcome> {
  const spec = step.spec;
  const method = spec.method.toUpperCase();
  let url: URL;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  try {
    url = resolveUrl(substitute(spec.url, scope), baseUrl === undefined ? undefined : substitute(baseUrl, scope));
    for (const h of spec.headers) headers[h.name] = substitute(h.value, scope);
    body = buildBody(spec.body, scope, headers);
  } catch (e) {
    const message = e instanceof VariableError ? e.message : `the URL is not valid: ${(e as Error).message}`;
    return {
      failure: { kind: 'config', message, ref: spec.urlRef ?? step.keyRef },
      timings: { totalMs: 0 },
      attempts: 0,
    };
  }
  // Lint refuses an undeclared write it can see; this catches the rest (a method or override that
  // comes from a variable, a rule turned off) before anything is sent.
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const effective = effectiveMethod({ method, headers: Object.entries(headers), url, body, contentType });
  const declared = step.sideEffects?.value ?? spec.sideEffects?.value;
  // Writes are listed on the step as in a browser journey: refused ones as blocked, declared ones as allowed.
  const write = isWriteMethod(effective.method)
    ? {
        method: effective.method,
        url: displayUrl(url.href),
        allowed: allowsWrites(declared),
        stepIndex: step.index,
        step: stepLabel(step),
        ...(effective.via ? { via: effective.via } : {}),
      }
    : undefined;
  if (write && !write.allowed) {
    const asks = effective.via
      ? `${method} ${url.pathname} asks the server for ${effective.method} (${effective.via})`
      : `${method} ${url.pathname} is a write`;
    const wrong =
      declared !== undefined ? ` (\`side_effects: ${declared}\` is not one of ${SIDE_EFFECT_VALUES.join(', ')})` : '';
    const message = `${asks} and this step does not declare side effects${wrong}: it was not sent. If it is safe, ${declarationHint()}`;
    return {
      failure: { kind: 'side-effect', message, ref: spec.urlRef ?? step.keyRef },
      timings: { totalMs: 0 },
      attempts: 0,
      writes: [write],
    };
  }
  const limits: HttpLimits = {
    maxRedirects: options.maxRedirects,
    maxBytes: options.maxBytes,
    followRedirects: !expectsRedirect(spec.expect),
  };
  // Retried only when the method the server acts on (an override's) is idempotent.
  const attemptsAllowed = 1 + (IDEMPOTENT_METHODS.has(effective.method) ? Math.max(0, options.retries) : 0);
  let last: StepOutcome | undefined;
  for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
    if (attempt > 1) {
      await sleep(options.retryDelayMs * (attempt - 1), journey.signal);
      if (journey.signal.aborted) break;
    }
    last = await attemptOnce(step, { method, url, headers, body }, limits, scope, journey, options, attempt);
    if (write) last.writes = [write];
    if (!last.failure) return last;
    // A config problem or the journey's end will not get better by asking again.
    if (last.failure.kind === 'config' || journey.signal.aborted) break;
  }
  return last!;
}

async function attemptOnce(
  step: Step & { spec: RequestStep },
  request: { method: string; url: URL; headers: Record<string, string>; body?: string },
  limits: HttpLimits,
  scope: VariableScope,
  journey: JourneyDeadline,
  options: HttpStepOptions,
  attempt: number,
): Promise<StepOutcome> {
  const deadline = journey.step(step.timeoutMs ?? options.stepTimeoutMs);
  try {
    const out = await httpFetch(request, limits, deadline, options.fetch);
    if (!out.ok) {
      const ref: Ref = step.spec.urlRef ?? step.keyRef;
      return {
        failure: { kind: out.kind, message: out.message, ref },
        timings: { ttfbMs: out.ttfbMs, totalMs: out.totalMs },
        attempts: attempt,
        httpStatus: out.status,
        redirects: out.redirects,
      };
    }
    const r = out.response;
    const base = {
      timings: { ttfbMs: r.ttfbMs, totalMs: r.totalMs },
      attempts: attempt,
      httpStatus: r.status,
      redirects: r.redirects,
    };
    const failed = checkExpectations(step.spec, r, scope, step.spec.urlRef ?? step.keyRef);
    if (failed) return { ...base, failure: failed };
    const cap = applyCaptures(step.spec, r);
    if ('failure' in cap) return { ...base, failure: cap.failure };
    return { ...base, captured: cap.values };
  } finally {
    deadline.dispose();
  }
}
