/**
 * The one interface every live canary source sits behind (docs/formats/canary.md, Source), and what a reading of a
 * source yields: per side (canary, baseline) the requests seen in the window and one value per
 * gate, already in the metric's unit. Sources never judge; the evaluator does.
 */
import type { PlanMetric } from '../plan/canaryPlan';
import { wellKnownMetric } from '../model/metrics';

export type SourceKind = 'scrape' | 'prometheus';

export interface SideMeasurement {
  /** Requests counted in the window; null when the source cannot tell. */
  requests: number | null;
  /** Value per metric name in the metric's unit; null for no data or NaN. */
  values: Record<string, number | null>;
}

export interface SourceSample {
  /** When the data was measured (ms since the epoch): the end of the window. */
  at: number;
  /** The window rates were computed over. */
  windowMs: number;
  canary: SideMeasurement;
  baseline: SideMeasurement;
  /** Per-metric problems in plain words (a query Prometheus refused, an unsupported query). */
  metricErrors: Record<string, string>;
  /** Scrape source only: the first reading has nothing to subtract from yet. */
  warmingUp?: boolean;
  /** Things worth saying that do not stop the reading (skipped garbage lines, truncation). */
  notes: string[];
}

export interface HistoryPoint {
  t: number;
  v: number | null;
}

export interface SourceHistory {
  [metric: string]: { canary: HistoryPoint[]; baseline: HistoryPoint[] };
}

export interface CanarySource {
  readonly kind: SourceKind;
  /** Where it reads from, for messages; credentials are never part of it. */
  readonly description: string;
  /** One reading; rejects with a SourceError (in plain words) when the source cannot answer. */
  read(signal?: AbortSignal): Promise<SourceSample>;
  /** Forgets state kept between readings (the scrape source's previous scrape), e.g. after a pause. */
  reset?(): void;
  /** Past values for charts, when the source keeps history (Prometheus). */
  history?(options: { rangeMs: number; stepMs: number; signal?: AbortSignal }): Promise<SourceHistory>;
}

/** A source that could not answer; `message` says what happened and what to do next. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** What a gate measures, independent of where it is read from. */
export type Measure =
  | { kind: 'error-rate' }
  | { kind: 'success-rate' }
  | { kind: 'latency'; quantile: number }
  | { kind: 'throughput' }
  | { kind: 'custom'; query: string }
  | { kind: 'unknown' };

export function measureOf(metric: Pick<PlanMetric, 'name' | 'query'>): Measure {
  // A query written by the user wins over the well-known default.
  if (metric.query && metric.query.trim()) return { kind: 'custom', query: metric.query };
  const known = wellKnownMetric(metric.name);
  if (!known) return { kind: 'unknown' };
  if (known.quantile !== undefined) return { kind: 'latency', quantile: known.quantile };
  if (known.name === 'error-rate') return { kind: 'error-rate' };
  if (known.name === 'success-rate') return { kind: 'success-rate' };
  return { kind: 'throughput' };
}

/** Metric naming conventions with the spec's defaults. */
export interface MetricNames {
  requestsMetric: string;
  latencyMetric: string;
  statusLabel: string;
}

export const DEFAULT_METRIC_NAMES: MetricNames = {
  requestsMetric: 'http_requests_total',
  latencyMetric: 'http_request_duration_seconds',
  statusLabel: 'code',
};

/** A status label value that means a server error: "500", "503", "5xx". */
export function isServerError(code: string | undefined): boolean {
  return code !== undefined && code.length > 0 && code[0] === '5';
}
