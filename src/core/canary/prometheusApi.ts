/**
 * Reads answers of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). An answer is
 * data or a message: `status: error`, a body that is not JSON, several series where one was
 * expected, NaN and ±Inf strings are all told apart here.
 */
import { SourceError } from './source';
import { getText, type Endpoint } from './httpText';

export type InstantAnswer =
  | { ok: true; value: number | null; nonFinite?: 'NaN' | '+Inf' | '-Inf'; series: number }
  | { ok: false; error: string };

export type RangeAnswer = { ok: true; points: { t: number; v: number | null }[] } | { ok: false; error: string };

export interface ApiOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Evaluation time (seconds since the epoch): one per reading, so its queries see the same data. */
  timeSec?: number;
}

const MAX_BYTES = 16 * 1024 * 1024;

export function apiUrl(base: Endpoint, path: string, params: Record<string, string>): string {
  const url = new URL(base.url);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export async function call(
  base: Endpoint,
  path: string,
  params: Record<string, string>,
  options: ApiOptions,
): Promise<{ ok: true; data: unknown } | { ok: false; error: string }> {
  const res = await getText(base, apiUrl(base, path, params), {
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_BYTES,
    accept: 'application/json',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    if (res.status === 401 || res.status === 403)
      throw new SourceError(
        `Prometheus at ${base.display} refused the request (HTTP ${res.status}); check the credentials in the URL.`,
      );
    throw new SourceError(
      `${base.display} answered HTTP ${res.status} without Prometheus JSON; check that the url points at the Prometheus server.`,
    );
  }
  const b = body as { status?: unknown; data?: unknown; error?: unknown; errorType?: unknown };
  if (b?.status === 'success') return { ok: true, data: b.data };
  if (b?.status === 'error') {
    return {
      ok: false,
      error: `Prometheus refused the query: ${String(b.error ?? 'no reason given')}${b.errorType ? ` (${String(b.errorType)})` : ''}.`,
    };
  }
  throw new SourceError(
    `${base.display} answered HTTP ${res.status} with JSON that is not a Prometheus API answer; check the url.`,
  );
}

/** A sample value string: "1.5", "NaN", "+Inf", "-Inf". */
export function sampleValue(text: unknown): { value: number | null; nonFinite?: 'NaN' | '+Inf' | '-Inf' } {
  if (typeof text !== 'string') return { value: null };
  if (text === 'NaN') return { value: null, nonFinite: 'NaN' };
  if (text === '+Inf' || text === 'Inf') return { value: null, nonFinite: '+Inf' };
  if (text === '-Inf') return { value: null, nonFinite: '-Inf' };
  const n = Number(text);
  return Number.isFinite(n) ? { value: n } : { value: null };
}

export async function instantQuery(base: Endpoint, query: string, options: ApiOptions): Promise<InstantAnswer> {
  const params: Record<string, string> = { query };
  if (options.timeSec !== undefined) params.time = options.timeSec.toFixed(3);
  const r = await call(base, '/api/v1/query', params, options);
  if (!r.ok) return r;
  const data = r.data as { resultType?: string; result?: unknown };
  if (data?.resultType === 'scalar' && Array.isArray(data.result))
    return { ok: true, ...sampleValue(data.result[1]), series: 1 };
  if (data?.resultType !== 'vector' || !Array.isArray(data.result))
    return {
      ok: false,
      error: `The query returned ${data?.resultType ?? 'nothing'}, not one number; make it return a single value.`,
    };
  if (data.result.length === 0) return { ok: true, value: null, series: 0 };
  const first = data.result[0] as { value?: unknown[] };
  return {
    ok: true,
    ...sampleValue(Array.isArray(first?.value) ? first.value[1] : undefined),
    series: data.result.length,
  };
}

export async function rangeQuery(
  base: Endpoint,
  query: string,
  range: { startSec: number; endSec: number; stepSec: number },
  options: ApiOptions,
): Promise<RangeAnswer> {
  const r = await call(
    base,
    '/api/v1/query_range',
    { query, start: String(range.startSec), end: String(range.endSec), step: String(range.stepSec) },
    options,
  );
  if (!r.ok) return r;
  const data = r.data as { resultType?: string; result?: unknown };
  if (data?.resultType !== 'matrix' || !Array.isArray(data.result))
    return { ok: false, error: 'The range query did not return a matrix.' };
  const first = data.result[0] as { values?: unknown[] } | undefined;
  const values = Array.isArray(first?.values) ? first.values : [];
  const points = values.flatMap((pair) => {
    if (!Array.isArray(pair)) return [];
    const t = Number(pair[0]);
    return Number.isFinite(t) ? [{ t: Math.round(t * 1000), v: sampleValue(pair[1]).value }] : [];
  });
  return { ok: true, points };
}
