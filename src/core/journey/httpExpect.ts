/**
 * A request step's `expect` (status, latency, json, body_contains, headers) and `capture`,
 * checked against a response. Each failure names what was expected, what came, and the source
 * range of the expectation that failed.
 *
 * JSONPath comes from jsonpath-plus: the most used JavaScript implementation, maintained, with a
 * safe evaluator for filter expressions (no `eval` of user text).
 */
import { isDeepStrictEqual } from 'node:util';
import { JSONPath } from 'jsonpath-plus';
import type { Ref } from '../parse/yamlNodes';
import { parseThreshold } from '../model/threshold';
import type { RequestExpect, RequestStep } from '../synthetic/model';
import type { HttpResponse } from './httpFetch';
import type { StepFailure } from './result';
import { substituteDeep, type VariableScope } from './variables';

type Failure = Omit<StepFailure, 'stepIndex'>;

/** The response body as JSON, parsed once. */
class JsonBody {
  private parsed: { ok: true; value: unknown } | { ok: false } | undefined;
  constructor(private readonly response: HttpResponse) {}
  get(): { ok: true; value: unknown } | { ok: false } {
    if (!this.parsed) {
      try {
        this.parsed = { ok: true, value: JSON.parse(this.response.text) };
      } catch {
        this.parsed = { ok: false };
      }
    }
    return this.parsed;
  }
  notJson(purpose: string, ref: Ref): Failure {
    const type = this.response.headers.get('content-type') ?? 'no content-type';
    return {
      kind: 'assertion',
      message: `${purpose}, but the response is not JSON (${type}): ${snippet(this.response.text)}`,
      expected: 'a JSON body',
      actual: snippet(this.response.text),
      ref,
    };
  }
}

function query(path: string, json: unknown): { ok: true; matches: unknown[] } | { ok: false; error: string } {
  try {
    const matches = JSONPath({ path, json: json as object, wrap: true, eval: 'safe' }) as unknown[];
    return { ok: true, matches: Array.isArray(matches) ? matches : [] };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Status as written: 200, "201", "2xx", or a list of those. */
export function statusMatches(expected: unknown, actual: number): boolean | 'invalid' {
  if (Array.isArray(expected)) {
    const each = expected.map((e) => statusMatches(e, actual));
    if (each.includes('invalid')) return 'invalid';
    return each.includes(true);
  }
  if (typeof expected === 'number') return expected === actual;
  if (typeof expected === 'string') {
    const t = expected.trim();
    if (/^[1-5]xx$/i.test(t)) return Math.floor(actual / 100) === Number(t[0]);
    if (/^\d{3}$/.test(t)) return Number(t) === actual;
  }
  return 'invalid';
}

/** Whether the expected statuses include a redirect: then a 3xx is the answer and is not followed. */
export function expectsRedirect(expect: RequestExpect | undefined): boolean {
  const v = expect?.status?.value;
  if (v === undefined) return false;
  const list = Array.isArray(v) ? v : [v];
  return list.some((s) => (typeof s === 'number' ? s >= 300 && s < 400 : /^3(xx|\d\d)$/i.test(String(s).trim())));
}

function describeStatus(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join(' or ') : String(v);
}

export function checkExpectations(
  step: RequestStep,
  response: HttpResponse,
  scope: VariableScope,
  fallbackRef: Ref,
): Failure | undefined {
  const expect = step.expect;
  const json = new JsonBody(response);
  if (expect?.status) {
    const m = statusMatches(expect.status.value, response.status);
    if (m === 'invalid')
      return {
        kind: 'config',
        message: `status ${JSON.stringify(expect.status.value)} is not a status: write 200, [200, 204] or "2xx"`,
        ref: expect.status.ref,
      };
    if (!m)
      return {
        kind: 'assertion',
        message: `expected status ${describeStatus(expect.status.value)}, got ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${response.text ? ` (body: ${snippet(response.text, 200)})` : ''}`,
        expected: describeStatus(expect.status.value),
        actual: String(response.status),
        ref: expect.status.ref,
      };
  } else if (response.status >= 400) {
    // Without a status expectation, an error status is still a failure: a check should not pass on a 500.
    return {
      kind: 'assertion',
      message: `got ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; add "expect: { status: ... }" if that status is what you want`,
      expected: '2xx or 3xx',
      actual: String(response.status),
      ref: fallbackRef,
    };
  }
  if (expect?.latency) {
    const t = parseThreshold(expect.latency.value);
    if (
      !t.ok ||
      t.threshold.kind !== 'absolute' ||
      (t.threshold.unit && t.threshold.unit !== 'ms' && t.threshold.unit !== 's')
    )
      return {
        kind: 'config',
        message: `latency "${expect.latency.value}" is not a limit: write "< 500ms" or "<= 2s"`,
        ref: expect.latency.ref,
      };
    const limit = t.threshold.unit === 's' ? t.threshold.value * 1000 : t.threshold.value;
    const took = Math.round(response.totalMs);
    if (!compare(took, t.threshold.op, limit))
      return {
        kind: 'assertion',
        message: `expected latency ${expect.latency.value.trim()}, took ${took}ms`,
        expected: expect.latency.value.trim(),
        actual: `${took}ms`,
        ref: expect.latency.ref,
      };
  }
  for (const h of expect?.headers ?? []) {
    const expected = String(substituteDeep(h.expected, scope));
    const actual = response.headers.get(h.name);
    if (actual === null)
      return {
        kind: 'assertion',
        message: `expected a header ${h.name} containing "${expected}", but the response has no ${h.name} header`,
        expected,
        actual: '(missing)',
        ref: h.ref,
      };
    if (!actual.toLowerCase().includes(expected.toLowerCase()))
      return {
        kind: 'assertion',
        message: `expected header ${h.name} to contain "${expected}", got "${snippet(actual)}"`,
        expected,
        actual,
        ref: h.ref,
      };
  }
  if (expect?.bodyContains) {
    const expected = String(substituteDeep(expect.bodyContains.value, scope));
    if (!response.text.includes(expected))
      return {
        kind: 'assertion',
        message: `expected the body to contain "${snippet(expected)}", it does not: ${snippet(response.text)}`,
        expected,
        actual: snippet(response.text, 500),
        ref: expect.bodyContains.ref,
      };
  }
  for (const j of expect?.json ?? []) {
    const body = json.get();
    if (!body.ok) return json.notJson(`expected JSON to check ${j.path}`, j.ref);
    const q = query(j.path, body.value);
    if (!q.ok) return { kind: 'config', message: `the JSONPath ${j.path} is not valid (${q.error})`, ref: j.ref };
    const expected = substituteDeep(j.expected, scope);
    if (q.matches.length === 0)
      return {
        kind: 'assertion',
        message: `expected ${j.path} to be ${show(expected)}, but it matched nothing in ${snippet(response.text)}`,
        expected: show(expected),
        actual: '(no match)',
        ref: j.ref,
      };
    const actual = q.matches.length === 1 ? q.matches[0] : q.matches;
    if (!isDeepStrictEqual(actual, expected)) {
      const typeNote =
        typeof actual !== typeof expected && String(actual) === String(expected)
          ? ` (the ${typeof actual} ${show(actual)}, not the ${typeof expected} ${show(expected)})`
          : '';
      return {
        kind: 'assertion',
        message: `expected ${j.path} to be ${show(expected)}, got ${show(actual)}${typeNote}`,
        expected: show(expected),
        actual: show(actual),
        ref: j.ref,
      };
    }
  }
  return undefined;
}

/** Applies `capture`: each JSONPath must match, the value is kept for later steps. */
export function applyCaptures(
  step: RequestStep,
  response: HttpResponse,
): { values: Map<string, unknown> } | { failure: Failure } {
  const values = new Map<string, unknown>();
  if (!step.capture?.length) return { values };
  const json = new JsonBody(response);
  for (const c of step.capture) {
    const body = json.get();
    if (!body.ok)
      return { failure: { ...json.notJson(`capture ${c.name} needs JSON to read ${c.path}`, c.ref), kind: 'capture' } };
    const q = query(c.path, body.value);
    if (!q.ok)
      return {
        failure: {
          kind: 'config',
          message: `the JSONPath ${c.path} of capture ${c.name} is not valid (${q.error})`,
          ref: c.ref,
        },
      };
    if (q.matches.length === 0)
      return {
        failure: {
          kind: 'capture',
          message: `capture ${c.name}: ${c.path} matched nothing in ${snippet(response.text)}`,
          expected: c.path,
          actual: '(no match)',
          ref: c.ref,
        },
      };
    values.set(c.name, q.matches.length === 1 ? q.matches[0] : q.matches);
  }
  return { values };
}

function compare(value: number, op: string, limit: number): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    default:
      return false;
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return snippet(s === undefined ? String(v) : s, 200);
}

/** A short, one-line view of a body for messages. */
export function snippet(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length === 0) return '(empty)';
  return one.length > max ? `${one.slice(0, max)}...` : one;
}
