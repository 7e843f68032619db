/** A metric gate of a canary plan in words, for hovers: "the canary's error rate must stay at or below 1%". */
import type { PlanMetric } from '../plan/canaryPlan';
import { describeThreshold } from '../model/threshold';
import { metricWords, wellKnownMetric } from '../model/metrics';

export function describeGate(metric: PlanMetric): string {
  const words = metricWords(metric.name);
  const t = metric.threshold;
  if (!t) return `${words}: no threshold, so this metric is shown but never decides`;
  if (t.error || !t.parsed) return `"${t.text}" does not work as a threshold${t.error ? `: ${t.error}` : ''}`;
  return describeThreshold(t.parsed, words, metric.unit);
}

/** One line about what a metric measures: "p99 latency: 99th percentile request latency, in ms". */
export function describeMetric(metric: Pick<PlanMetric, 'name' | 'unit' | 'query'>): string {
  const known = wellKnownMetric(metric.name);
  const unit = metric.unit ?? known?.unit;
  const what = known
    ? known.description
    : metric.query
      ? `custom query \`${metric.query}\``
      : 'not a well-known metric and no query';
  return `${metricWords(metric.name)}: ${what}${unit ? `, in ${unit === 'count' ? 'plain counts' : unit}` : ''}`;
}
