/**
 * A native canary's gates as PromQL for the engines it is handed to (Prometheus rules, Argo
 * AnalysisTemplates, Flagger MetricTemplates): the same queries `release-safety status` asks,
 * with the canary's and the baseline's selectors. A threshold relative to the baseline becomes
 * one query (a ratio or a difference), because Argo's conditions and Flagger's threshold ranges
 * compare one number.
 */
import type { CanaryPlan, PlanMetric } from '../plan/canaryPlan';
import type { Threshold, ThresholdOp } from '../model/threshold';
import { DEFAULT_METRIC_NAMES, measureOf, type MetricNames } from '../canary/source';
import { gateQuery } from '../canary/promql';

export interface ExportedGate {
  metric: PlanMetric;
  /** One number to compare: the canary's value, its ratio to the baseline, or the difference. */
  query: string;
  op: ThresholdOp;
  /** What the query's number is compared with. */
  limit: number;
  /** The threshold as written, for comments and annotations. */
  text: string;
}

export interface GateSelectors {
  canary: string;
  baseline: string;
}

/** Selectors of the prometheus source, or a conventional pair to adjust (said in the output). */
export function selectorsOf(plan: CanaryPlan): GateSelectors & { conventional: boolean } {
  const p = plan.source?.prometheus;
  if (p?.canary && p.baseline) return { canary: p.canary, baseline: p.baseline, conventional: false };
  const app = plan.service ?? 'app';
  return { canary: `{app="${app}",track="canary"}`, baseline: `{app="${app}",track="stable"}`, conventional: true };
}

export function namesOf(plan: CanaryPlan): MetricNames {
  const s = plan.source;
  return s
    ? { requestsMetric: s.requestsMetric, latencyMetric: s.latencyMetric, statusLabel: s.statusLabel }
    : DEFAULT_METRIC_NAMES;
}

/** Gates that can be exported; the others come back as reasons. */
export function exportGates(
  plan: CanaryPlan,
  windowMs: number,
  selectors: GateSelectors = selectorsOf(plan),
): { gates: ExportedGate[]; skipped: string[] } {
  const gates: ExportedGate[] = [];
  const skipped: string[] = [];
  const names = namesOf(plan);
  for (const metric of plan.metrics) {
    const t = metric.threshold?.parsed;
    if (!t || metric.threshold?.error) {
      skipped.push(`${metric.name}: its threshold does not parse`);
      continue;
    }
    const measure = measureOf(metric);
    const canary = gateQuery(measure, selectors.canary, names, windowMs);
    const baseline = gateQuery(measure, selectors.baseline, names, windowMs);
    if (!canary || !baseline) {
      skipped.push(`${metric.name}: not a well-known metric and no query`);
      continue;
    }
    gates.push({ metric, ...combine(t, canary, baseline), text: t.text });
  }
  return { gates, skipped };
}

function combine(t: Threshold, canary: string, baseline: string): { query: string; op: ThresholdOp; limit: number } {
  switch (t.kind) {
    case 'absolute':
      return { query: canary, op: t.op, limit: t.value };
    case 'baseline':
      return { query: `(${canary}) / (${baseline})`, op: t.op, limit: 1 };
    case 'baseline-factor':
      return { query: `(${canary}) / (${baseline})`, op: t.op, limit: t.factor };
    case 'baseline-offset':
      return { query: `(${canary}) - (${baseline})`, op: t.op, limit: t.value };
  }
}

/** The comparison that means a breach: `<= 1` breaches at `> 1`. */
export function breachOp(op: ThresholdOp): ThresholdOp {
  return ({ '<=': '>', '<': '>=', '>=': '<', '>': '<=' } as const)[op];
}

/** A Prometheus/Go duration: 300000 -> "5m", 90000 -> "1m30s". */
export function promDurationText(ms: number): string {
  let s = Math.max(1, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}` || '1s';
}

/** A Kubernetes object name from a service name: lower case, [a-z0-9-], at most 63 characters. */
export function k8sName(...parts: string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return (name || 'app').slice(0, 63).replace(/-$/, '');
}
