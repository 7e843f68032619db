/** Hand-built canary plans for the evaluator tests (independent of the YAML plan builder). */
import type { CanaryPlan, PlanMetric } from '../../../src/core/plan/canaryPlan';
import { fitThresholdToUnit, parseThreshold } from '../../../src/core/model/threshold';
import { wellKnownMetric, type MetricUnit } from '../../../src/core/model/metrics';
import type { SourceSample } from '../../../src/core/canary/source';

const REF = { offset: 0, length: 0 };

export function metric(name: string, threshold: string | undefined, extra: Partial<PlanMetric> = {}): PlanMetric {
  const unit: MetricUnit | undefined = extra.unit ?? wellKnownMetric(name)?.unit;
  let t: PlanMetric['threshold'];
  if (threshold !== undefined) {
    const parsed = parseThreshold(threshold);
    if (!parsed.ok) t = { text: threshold, ref: REF, error: parsed.error };
    else {
      const fitted = unit
        ? fitThresholdToUnit(parsed.threshold, unit)
        : { ok: true as const, threshold: parsed.threshold };
      t = fitted.ok
        ? { text: threshold, ref: REF, parsed: fitted.threshold }
        : { text: threshold, ref: REF, parsed: parsed.threshold, error: fitted.error };
    }
  }
  return {
    name,
    ref: REF,
    ...(unit ? { unit } : {}),
    ...(t ? { threshold: t } : {}),
    builtin: !!wellKnownMetric(name),
    watchesErrors: /error|success/.test(name),
    ...extra,
  };
}

export function plan(overrides: Partial<CanaryPlan> = {}): CanaryPlan {
  return {
    format: 'native',
    docIndex: 0,
    anchor: REF,
    service: 'checkout',
    steps: [1, 5, 25, 50, 100].map((weight) => ({ weight, ref: REF })),
    interval: { text: '5m', ms: 300_000, ref: REF },
    metrics: [metric('error-rate', '<= 1%'), metric('p99-latency', '<= baseline * 1.1')],
    rollback: { automated: true },
    alerts: [],
    failureLimit: 0,
    minRequests: 100,
    pauses: [],
    ...overrides,
  };
}

export function sample(
  at: number,
  canary: { requests: number | null; values: Record<string, number | null> },
  baseline: { requests: number | null; values: Record<string, number | null> },
  extra: Partial<SourceSample> = {},
): SourceSample {
  return { at, windowMs: 15_000, canary, baseline, metricErrors: {}, notes: [], ...extra };
}
