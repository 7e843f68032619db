/**
 * Chart points from a source's history (Prometheus `query_range`), shaped like live readings'
 * points: [epoch ms, canary, baseline, resolved threshold]. With them a chart is full from the
 * first second of a watch instead of growing one point per poll.
 */
import type { CanaryPlan } from '../plan/canaryPlan';
import { resolveLimit } from '../model/threshold';
import type { SourceHistory } from './source';

export type BackfillPoint = [number, number | null, number | null, number | null];

export interface BackfillSeries {
  name: string;
  unit: string;
  points: BackfillPoint[];
}

const finite = (v: number | null | undefined): number | null =>
  v !== null && v !== undefined && Number.isFinite(v) ? v : null;

export function backfillSeries(plan: CanaryPlan, history: SourceHistory): BackfillSeries[] {
  const out: BackfillSeries[] = [];
  for (const metric of plan.metrics) {
    if (!Object.prototype.hasOwnProperty.call(history, metric.name)) continue;
    const h = history[metric.name]!;
    const byTime = new Map<number, { canary: number | null; baseline: number | null }>();
    for (const p of h.canary) byTime.set(p.t, { canary: finite(p.v), baseline: null });
    for (const p of h.baseline) {
      const at = byTime.get(p.t);
      if (at) at.baseline = finite(p.v);
      else byTime.set(p.t, { canary: null, baseline: finite(p.v) });
    }
    const threshold = metric.threshold?.parsed;
    const points: BackfillPoint[] = [...byTime.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, v]) => [t, v.canary, v.baseline, threshold ? finite(resolveLimit(threshold, v.baseline)) : null]);
    out.push({ name: metric.name, unit: metric.unit ?? '', points });
  }
  return out;
}

/** One point per poll, as live readings come, but never finer than 2.5 s nor coarser than a minute. */
export function backfillStepMs(pollIntervalMs: number): number {
  return Math.min(60_000, Math.max(2_500, pollIntervalMs));
}
