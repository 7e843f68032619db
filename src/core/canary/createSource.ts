/** Picks the live source a canary plan's `source` describes (docs/formats/canary.md, Source). */
import type { CanaryPlan } from '../plan/canaryPlan';
import { PrometheusSource } from './prometheusSource';
import { ScrapeSource } from './scrapeSource';
import { SourceError, type CanarySource } from './source';

export interface SourceSettings {
  /** Prometheus: the rate window (`{{interval}}`). */
  windowMs?: number;
  timeoutMs?: number;
  clock?: () => number;
}

/** Throws a SourceError that says what to write when the plan has no usable source. */
export function createSource(plan: CanaryPlan, settings: SourceSettings = {}): CanarySource {
  const src = plan.source;
  const common = {
    metrics: plan.metrics,
    requestsMetric: src?.requestsMetric,
    latencyMetric: src?.latencyMetric,
    statusLabel: src?.statusLabel,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
  };
  if (src?.prometheus) {
    const p = src.prometheus;
    if (!p.url || !p.canary || !p.baseline) throw new SourceError('source.prometheus needs url, canary and baseline (label matchers such as \'{job="checkout",track="canary"}\').');
    return new PrometheusSource({ ...common, url: p.url, canary: p.canary, baseline: p.baseline, ...(settings.windowMs !== undefined ? { windowMs: settings.windowMs } : {}) });
  }
  if (src?.scrape) {
    const s = src.scrape;
    if (!s.canary || !s.baseline) throw new SourceError('source.scrape needs canary and baseline: the URLs of their /metrics endpoints.');
    return new ScrapeSource({ ...common, canary: s.canary, baseline: s.baseline });
  }
  throw new SourceError('The canary has no source to read live status from; add source.scrape (two /metrics URLs) or source.prometheus (url and label matchers).');
}
