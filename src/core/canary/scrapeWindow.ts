/**
 * The pure half of the scrape source: turns two consecutive `/metrics` bodies per side into a
 * sample, from per-series increases (counter resets handled) and histogram_quantile over the
 * window between them. Only the series gates use are kept between readings, so memory does not
 * grow with the exporter's other series. No I/O here: the source fetches, the bench feeds text.
 */
import type { PlanMetric } from '../plan/canaryPlan';
import { parseExposition } from './exposition';
import { seriesIncrease } from './counterIncrease';
import { histogramQuantile, type Bucket } from './histogramQuantile';
import { parseScrapeQuery, type ScrapeQuery } from './scrapeQuery';
import {
  DEFAULT_METRIC_NAMES,
  isServerError,
  measureOf,
  type Measure,
  type MetricNames,
  type SideMeasurement,
  type SourceSample,
} from './source';

export interface ScrapeWindowOptions extends Partial<MetricNames> {
  metrics: readonly Pick<PlanMetric, 'name' | 'query'>[];
  /** Samples kept per endpoint (default 200,000). */
  maxSeries?: number;
}

interface CounterSeries {
  value: number;
  serverError: boolean;
}

interface BucketSeries {
  le: number;
  value: number;
}

/** The series one side needs between two readings. */
interface Snapshot {
  at: number;
  requests: Map<string, CounterSeries>;
  buckets: Map<string, BucketSeries>;
  custom: Map<string, Map<string, number>>;
}

interface GateSpec {
  name: string;
  measure: Measure;
  custom?: ScrapeQuery;
  error?: string;
}

export class ScrapeWindow {
  private readonly names: MetricNames;
  private readonly gates: GateSpec[];
  private readonly customNames: Set<string>;
  private readonly bucketName: string;
  private previous: { canary?: Snapshot; baseline?: Snapshot } = {};

  constructor(private readonly options: ScrapeWindowOptions) {
    this.names = {
      requestsMetric: options.requestsMetric || DEFAULT_METRIC_NAMES.requestsMetric,
      latencyMetric: options.latencyMetric || DEFAULT_METRIC_NAMES.latencyMetric,
      statusLabel: options.statusLabel || DEFAULT_METRIC_NAMES.statusLabel,
    };
    this.bucketName = `${this.names.latencyMetric}_bucket`;
    this.gates = options.metrics.map((m) => gateSpec(m));
    this.customNames = new Set(this.gates.flatMap((g) => (g.custom ? [g.custom.metric] : [])));
  }

  /** The sample for the window that ends with these bodies, scraped at `at`. */
  next(canaryText: string, baselineText: string, at: number): SourceSample {
    const notes: string[] = [];
    const canary = this.snapshot('canary', canaryText, at, notes);
    const baseline = this.snapshot('baseline', baselineText, at, notes);
    const prev = this.previous;
    this.previous = { canary, baseline };
    const metricErrors: Record<string, string> = Object.create(null);
    for (const g of this.gates) if (g.error) metricErrors[g.name] = g.error;
    if (!prev.canary || !prev.baseline) {
      return {
        at,
        windowMs: 0,
        canary: emptySide(this.gates),
        baseline: emptySide(this.gates),
        metricErrors,
        warmingUp: true,
        notes,
      };
    }
    const windowMs = at - prev.canary.at;
    return {
      at,
      windowMs,
      canary: this.measure(prev.canary, canary, windowMs),
      baseline: this.measure(prev.baseline, baseline, windowMs),
      metricErrors,
      notes,
    };
  }

  /** Forgets the previous scrape (after a pause, a window across the gap would mislead). */
  reset(): void {
    this.previous = {};
  }

  private snapshot(side: string, text: string, at: number, notes: string[]): Snapshot {
    const { requestsMetric, statusLabel } = this.names;
    const bucketName = this.bucketName;
    const custom = this.customNames;
    const exp = parseExposition(text, {
      maxSeries: this.options.maxSeries,
      keep: (name) => name === requestsMetric || name === bucketName || custom.has(name),
    });
    if (exp.skippedLines > 0) {
      const first = exp.firstProblem ? ` (first at line ${exp.firstProblem.line}: ${exp.firstProblem.reason})` : '';
      notes.push(`${exp.skippedLines} unreadable line(s) skipped in the ${side} metrics${first}.`);
    }
    if (exp.truncated) notes.push(`The ${side} metrics have more series than the limit; the rest were ignored.`);
    const snap: Snapshot = { at, requests: new Map(), buckets: new Map(), custom: new Map() };
    for (const s of exp.samples) {
      if (s.name === requestsMetric) {
        snap.requests.set(seriesKey(s.labels), { value: s.value, serverError: isServerError(s.labels[statusLabel]) });
      } else if (s.name === bucketName) {
        const le = leOf(s.labels.le);
        if (le !== undefined) snap.buckets.set(seriesKey(s.labels), { le, value: s.value });
      }
      if (custom.has(s.name)) {
        let series = snap.custom.get(s.name);
        if (!series) snap.custom.set(s.name, (series = new Map()));
        series.set(seriesKey(s.labels), s.value);
      }
    }
    return snap;
  }

  private measure(prev: Snapshot, cur: Snapshot, windowMs: number): SideMeasurement {
    let total = 0;
    let errors = 0;
    for (const [key, s] of cur.requests) {
      const inc = seriesIncrease(prev.requests.get(key)?.value, s.value);
      total += inc;
      if (s.serverError) errors += inc;
    }
    const byLe = new Map<number, number>();
    for (const [key, b] of cur.buckets) {
      byLe.set(b.le, (byLe.get(b.le) ?? 0) + seriesIncrease(prev.buckets.get(key)?.value, b.value));
    }
    const buckets: Bucket[] = [...byLe].map(([le, count]) => ({ le, count }));
    const seconds = windowMs / 1000;
    const values: Record<string, number | null> = Object.create(null);
    for (const g of this.gates) {
      values[g.name] = finite(this.value(g, { total, errors, buckets, seconds, prev, cur }));
    }
    return { requests: total, values };
  }

  private value(
    g: GateSpec,
    d: { total: number; errors: number; buckets: Bucket[]; seconds: number; prev: Snapshot; cur: Snapshot },
  ): number | null {
    switch (g.measure.kind) {
      case 'error-rate':
        return d.total > 0 ? (100 * d.errors) / d.total : null;
      case 'success-rate':
        return d.total > 0 ? (100 * (d.total - d.errors)) / d.total : null;
      case 'throughput':
        return d.seconds > 0 ? d.total / d.seconds : null;
      case 'latency':
        // The histogram is in seconds (the convention); gates are in ms.
        return histogramQuantile(g.measure.quantile, d.buckets) * 1000;
      case 'custom': {
        if (!g.custom) return null;
        const cur = d.cur.custom.get(g.custom.metric);
        if (!cur || cur.size === 0) return null;
        if (g.custom.fn === 'value') {
          let sum = 0;
          for (const v of cur.values()) sum += v;
          return sum;
        }
        const prev = d.prev.custom.get(g.custom.metric);
        let inc = 0;
        for (const [key, v] of cur) inc += seriesIncrease(prev?.get(key), v);
        if (g.custom.fn === 'increase') return inc;
        return d.seconds > 0 ? inc / d.seconds : null;
      }
      case 'unknown':
        return null;
    }
  }
}

function gateSpec(m: Pick<PlanMetric, 'name' | 'query'>): GateSpec {
  const measure = measureOf(m);
  if (measure.kind === 'custom') {
    const custom = parseScrapeQuery(measure.query);
    if (!custom) {
      return {
        name: m.name,
        measure,
        error:
          'A scrape source can only answer a query of the form name{{selector}} or rate(name{{selector}}[{{interval}}]); use a prometheus source for this query.',
      };
    }
    return { name: m.name, measure, custom };
  }
  if (measure.kind === 'unknown')
    return { name: m.name, measure, error: `"${m.name}" is not a well-known metric and has no query; add a query.` };
  return { name: m.name, measure };
}

function emptySide(gates: GateSpec[]): SideMeasurement {
  const values: Record<string, number | null> = Object.create(null);
  for (const g of gates) values[g.name] = null;
  return { requests: null, values };
}

function finite(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : v;
}

/** Identifies a series by its labels as written (an exporter writes them in a stable order). */
function seriesKey(labels: Record<string, string>): string {
  let key = '';
  for (const k in labels) key += `${k}\u0000${labels[k]}\u0001`;
  return key;
}

function leOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  const n = Number(text);
  return Number.isNaN(n) || text.trim() === '' ? undefined : n;
}
