/** Metric units and the well-known metrics of the native canary format (docs/formats/canary.md). */
export type MetricUnit = '%' | 'ms' | 's' | 'req/s' | 'count';
export const METRIC_UNITS: readonly MetricUnit[] = ['%', 'ms', 's', 'req/s', 'count'];

export interface WellKnownMetric {
  name: string;
  unit: MetricUnit;
  /** Which way is worse: a higher error rate is bad, a higher success rate is good. */
  higherIsWorse: boolean;
  description: string;
  /** Watches errors (for `canary/no-error-metric`). */
  watchesErrors: boolean;
  /** Latency quantile for the `*-latency` metrics. */
  quantile?: number;
}

export const WELL_KNOWN_METRICS: Record<string, WellKnownMetric> = {
  'error-rate': {
    name: 'error-rate',
    unit: '%',
    higherIsWorse: true,
    watchesErrors: true,
    description: 'share of requests answered with a 5xx status',
  },
  'success-rate': {
    name: 'success-rate',
    unit: '%',
    higherIsWorse: false,
    watchesErrors: true,
    description: 'share of requests answered without a 5xx status',
  },
  'p50-latency': {
    name: 'p50-latency',
    unit: 'ms',
    higherIsWorse: true,
    watchesErrors: false,
    quantile: 0.5,
    description: 'median request latency',
  },
  'p90-latency': {
    name: 'p90-latency',
    unit: 'ms',
    higherIsWorse: true,
    watchesErrors: false,
    quantile: 0.9,
    description: '90th percentile request latency',
  },
  'p95-latency': {
    name: 'p95-latency',
    unit: 'ms',
    higherIsWorse: true,
    watchesErrors: false,
    quantile: 0.95,
    description: '95th percentile request latency',
  },
  'p99-latency': {
    name: 'p99-latency',
    unit: 'ms',
    higherIsWorse: true,
    watchesErrors: false,
    quantile: 0.99,
    description: '99th percentile request latency',
  },
  throughput: {
    name: 'throughput',
    unit: 'req/s',
    higherIsWorse: false,
    watchesErrors: false,
    description: 'requests per second',
  },
};

export function wellKnownMetric(name: string): WellKnownMetric | undefined {
  return Object.prototype.hasOwnProperty.call(WELL_KNOWN_METRICS, name) ? WELL_KNOWN_METRICS[name] : undefined;
}

/** Words for a metric in hovers: "p99 latency", "error rate". */
export function metricWords(name: string): string {
  return name.replace(/^p(\d+)-latency$/, 'p$1 latency').replace(/-/g, ' ');
}
