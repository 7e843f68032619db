/**
 * One instant query whose whole answer is kept: Argo hands its condition every sample of a
 * vector (`result` is a list; a scalar is a number; a matrix is flattened), so `analyze` must
 * see them all, NaN and ±Inf included.
 */
import type { Endpoint } from '../canary/httpText';
import { call, type ApiOptions } from '../canary/prometheusApi';

export type VectorAnswer =
  { ok: true; kind: 'scalar' | 'vector' | 'matrix'; values: number[]; series: number } | { ok: false; error: string };

function sample(text: unknown): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return typeof text === 'string' ? Number(text) : NaN;
}

/** Rejects with a SourceError when Prometheus cannot be reached (the caller's "unreachable"). */
export async function vectorQuery(base: Endpoint, query: string, options: ApiOptions): Promise<VectorAnswer> {
  const params: Record<string, string> = { query };
  if (options.timeSec !== undefined) params.time = options.timeSec.toFixed(3);
  const r = await call(base, '/api/v1/query', params, options);
  if (!r.ok) return r;
  const data = r.data as { resultType?: string; result?: unknown };
  const result = Array.isArray(data?.result) ? data.result : undefined;
  if (data?.resultType === 'scalar' && result)
    return { ok: true, kind: 'scalar', values: [sample(result[1])], series: 1 };
  if (data?.resultType === 'vector' && result) {
    const values = result.map((s) =>
      sample(Array.isArray((s as { value?: unknown[] })?.value) ? (s as { value: unknown[] }).value[1] : undefined),
    );
    return { ok: true, kind: 'vector', values, series: values.length };
  }
  if (data?.resultType === 'matrix' && result) {
    const values = result.flatMap((s) =>
      ((s as { values?: unknown[] })?.values ?? []).map((pair) => sample(Array.isArray(pair) ? pair[1] : undefined)),
    );
    return { ok: true, kind: 'matrix', values, series: result.length };
  }
  return {
    ok: false,
    error: `The query returned ${data?.resultType ?? 'nothing'}; analyze reads scalars, vectors and matrices.`,
  };
}
