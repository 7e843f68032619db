/**
 * PromQL for the well-known gates, built from the metric conventions and the side's label
 * matchers (docs/formats/canary.md: Query placeholders, Source). `{{selector}}` and `{{interval}}` in a custom query are filled here.
 */
import type { Measure, MetricNames } from './source';

/** `job="x"` and `{job="x"}` both become `{job="x"}`; empty becomes `{}`. */
export function normaliseSelector(selector: string): string {
  const s = selector.trim();
  if (s === '') return '{}';
  return s.startsWith('{') ? s : `{${s}}`;
}

/** Adds one matcher inside a selector's braces. */
export function withMatcher(selector: string, matcher: string): string {
  const s = normaliseSelector(selector);
  const inner = s.slice(1, -1).trim().replace(/,\s*$/, '');
  return inner ? `{${inner},${matcher}}` : `{${matcher}}`;
}

/** A PromQL range duration: whole seconds, at least 1s. */
export function promDuration(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

/** Prometheus label values are Go strings: escape backslash and quote. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function gateQuery(
  measure: Measure,
  selector: string,
  names: MetricNames,
  windowMs: number,
): string | undefined {
  const sel = normaliseSelector(selector);
  const w = promDuration(windowMs);
  const req = names.requestsMetric;
  const all = `sum(rate(${req}${sel}[${w}]))`;
  const serverErrors = withMatcher(sel, `${names.statusLabel}=~${quote('5.*')}`);
  const notServerErrors = withMatcher(sel, `${names.statusLabel}!~${quote('5.*')}`);
  switch (measure.kind) {
    // `or vector(0)`: with no 5xx series at all the rate is 0, not "no data".
    case 'error-rate':
      return `100 * (sum(rate(${req}${serverErrors}[${w}])) or vector(0)) / ${all}`;
    case 'success-rate':
      return `100 * (sum(rate(${req}${notServerErrors}[${w}])) or vector(0)) / ${all}`;
    case 'latency':
      return `1000 * histogram_quantile(${measure.quantile}, sum by (le) (rate(${names.latencyMetric}_bucket${sel}[${w}])))`;
    case 'throughput':
      return all;
    case 'custom':
      return measure.query.split('{{selector}}').join(sel).split('{{interval}}').join(w);
    case 'unknown':
      return undefined;
  }
}

export function requestsQuery(selector: string, names: MetricNames, windowMs: number): string {
  return `sum(increase(${names.requestsMetric}${normaliseSelector(selector)}[${promDuration(windowMs)}]))`;
}

/**
 * When the side's request counter was last scraped: tells fresh data from old. A plain
 * `timestamp()` would return nothing once Prometheus marks a vanished target's series stale, so
 * the last timestamp seen in the past 10 minutes is asked for instead.
 */
export function dataTimeQuery(selector: string, names: MetricNames): string {
  return `max(max_over_time(timestamp(${names.requestsMetric}${normaliseSelector(selector)})[10m:]))`;
}
