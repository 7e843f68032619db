/**
 * The `prometheus` source (docs/formats/canary.md, Source): instant queries for a reading, range queries for charts.
 * Each gate is one query per side, built from the well-known metrics and the side's label matchers
 * or from the metric's own `query`. A Prometheus that does not answer is a SourceError (stale);
 * a query it refuses, NaN, ±Inf or several series are the gate's own problem, in plain words.
 */
import type { PlanMetric } from '../plan/canaryPlan';
import { endpointOf, type Endpoint, type EndpointAccess } from './httpText';
import { instantQuery, rangeQuery, type InstantAnswer } from './prometheusApi';
import { dataTimeQuery, gateQuery, requestsQuery } from './promql';
import {
  DEFAULT_METRIC_NAMES,
  measureOf,
  type CanarySource,
  type MetricNames,
  type SideMeasurement,
  type SourceHistory,
  type SourceSample,
} from './source';

export interface PrometheusSourceOptions extends Partial<MetricNames> {
  url: string;
  /** Network, credentials. */
  access?: EndpointAccess;
  canary: string;
  baseline: string;
  metrics: readonly Pick<PlanMetric, 'name' | 'query'>[];
  /** The rate window, `{{interval}}` (default 1 minute). */
  windowMs?: number;
  timeoutMs?: number;
  clock?: () => number;
}

type Side = 'canary' | 'baseline';

export class PrometheusSource implements CanarySource {
  readonly kind = 'prometheus' as const;
  readonly description: string;
  private readonly base: Endpoint;
  private readonly names: MetricNames;
  private readonly clock: () => number;

  constructor(private readonly options: PrometheusSourceOptions) {
    this.base = endpointOf(options.url, 'Prometheus', options.access);
    this.description = `Prometheus at ${this.base.display}`;
    this.names = {
      requestsMetric: options.requestsMetric || DEFAULT_METRIC_NAMES.requestsMetric,
      latencyMetric: options.latencyMetric || DEFAULT_METRIC_NAMES.latencyMetric,
      statusLabel: options.statusLabel || DEFAULT_METRIC_NAMES.statusLabel,
    };
    this.clock = options.clock ?? Date.now;
  }

  get windowMs(): number {
    return this.options.windowMs ?? 60_000;
  }

  /** The PromQL of one gate for one side (shown in hovers and messages). */
  queryFor(metric: Pick<PlanMetric, 'name' | 'query'>, side: Side): string | undefined {
    return gateQuery(measureOf(metric), this.options[side], this.names, this.windowMs);
  }

  async read(signal?: AbortSignal): Promise<SourceSample> {
    const now = this.clock();
    const api = { timeoutMs: this.options.timeoutMs ?? 10_000, timeSec: now / 1000, ...(signal ? { signal } : {}) };
    const metricErrors: Record<string, string> = Object.create(null);
    const readSide = async (side: Side): Promise<{ m: SideMeasurement; dataAt: number | null }> => {
      const selector = this.options[side];
      const [requests, dataAt, ...gates] = await Promise.all([
        instantQuery(this.base, requestsQuery(selector, this.names, this.windowMs), api),
        instantQuery(this.base, dataTimeQuery(selector, this.names), api),
        ...this.options.metrics.map((m) => {
          const q = this.queryFor(m, side);
          return q === undefined
            ? Promise.resolve<InstantAnswer>({
                ok: false,
                error: `"${m.name}" is not a well-known metric and has no query; add a query.`,
              })
            : instantQuery(this.base, q, api);
        }),
      ]);
      const values: Record<string, number | null> = Object.create(null);
      this.options.metrics.forEach((m, i) => {
        const a = gates[i];
        values[m.name] = null;
        if (!a.ok) {
          metricErrors[m.name] ??= a.error;
        } else if (a.series > 1) {
          metricErrors[m.name] ??=
            `The query for ${side} returned ${a.series} series; aggregate it to one value, e.g. with sum(...) or max(...).`;
        } else if (a.nonFinite && a.nonFinite !== 'NaN') {
          metricErrors[m.name] ??=
            `Prometheus returned ${a.nonFinite} for the ${side}; check the query (a division by zero?).`;
        } else {
          values[m.name] = a.value; // NaN and empty are "no data": null
        }
      });
      const count = requests.ok ? requests.value : null;
      const at = dataAt.ok && dataAt.value !== null ? Math.round(dataAt.value * 1000) : null;
      return { m: { requests: count, values }, dataAt: at };
    };
    const [canary, baseline] = await Promise.all([readSide('canary'), readSide('baseline')]);
    const times = [canary.dataAt, baseline.dataAt].filter((t): t is number => t !== null);
    // The older side decides freshness: a baseline that stopped reporting makes the comparison stale too.
    const at = times.length ? Math.min(...times) : now;
    return { at, windowMs: this.windowMs, canary: canary.m, baseline: baseline.m, metricErrors, notes: [] };
  }

  async history(options: { rangeMs: number; stepMs: number; signal?: AbortSignal }): Promise<SourceHistory> {
    const api = { timeoutMs: this.options.timeoutMs ?? 10_000, ...(options.signal ? { signal: options.signal } : {}) };
    const endSec = Math.floor(this.clock() / 1000);
    const range = {
      startSec: endSec - Math.ceil(options.rangeMs / 1000),
      endSec,
      stepSec: Math.max(1, Math.round(options.stepMs / 1000)),
    };
    const out: SourceHistory = Object.create(null);
    await Promise.all(
      this.options.metrics.flatMap((m) =>
        (['canary', 'baseline'] as const).map(async (side) => {
          const q = this.queryFor(m, side);
          const entry = (out[m.name] ??= { canary: [], baseline: [] });
          if (q === undefined) return;
          const r = await rangeQuery(this.base, q, range, api);
          if (r.ok) entry[side] = r.points;
        }),
      ),
    );
    return out;
  }
}
