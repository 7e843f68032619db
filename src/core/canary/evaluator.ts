/**
 * Turns source samples into verdicts for one canary plan. Each reading gives a phase per gate
 * (pass, fail, inconclusive, error); `failure_limit` turns consecutive failures into a breach; the
 * worst wins (argo-rollouts' analysis does the same). What cannot be judged is never healthy:
 * too few requests, no data or NaN give inconclusive; a source that fails or data older than two
 * polls give stale.
 */
import type { CanaryPlan, PlanMetric } from '../plan/canaryPlan';
import { checkThreshold, resolveLimit, type Threshold } from '../model/threshold';
import { formatDuration } from '../model/duration';
import { metricWords } from '../model/metrics';
import { canaryShare, snapToStep } from './canaryWeight';
import { worseVerdict, type CanaryReading, type MetricReading, type Verdict } from './reading';
import type { SourceKind, SourceSample } from './source';
import { BudgetMeter, type LiveBudget } from '../budget/liveSpend';

export type EvaluationInput = { ok: true; sample: SourceSample } | { ok: false; error: string };

export interface EvaluatorOptions {
  /** How often readings are taken; data older than two polls is stale. */
  pollIntervalMs: number;
  source: { kind: SourceKind; description: string };
  /** The risk budget to meter the canary's errors against (none: `budget` is null). */
  budget?: LiveBudget;
}

export class CanaryEvaluator {
  private failures = new Map<string, number>();
  private lastSample: SourceSample | undefined;
  private stepState: { weight: number; since: number } | undefined;
  private readonly budgetMeter: BudgetMeter | undefined;

  constructor(
    private readonly plan: CanaryPlan,
    private readonly options: EvaluatorOptions,
  ) {
    if (options.budget) this.budgetMeter = new BudgetMeter(plan, options.budget);
  }

  evaluate(input: EvaluationInput, now: number): CanaryReading {
    const plan = this.plan;
    const steps = plan.steps
      .map((s) => s.weight)
      .filter((w): w is number => typeof w === 'number' && Number.isFinite(w));
    const sample = input.ok ? input.sample : this.lastSample;
    if (input.ok) this.lastSample = input.sample;
    if (input.ok) this.budgetMeter?.add(input.sample);

    const reading: CanaryReading = {
      service: plan.service ?? 'canary',
      verdict: 'inconclusive',
      reason: '',
      at: now,
      dataAt: sample?.at ?? null,
      windowMs: sample?.windowMs ?? null,
      warmingUp: false,
      source: {
        ...this.options.source,
        error: input.ok ? null : input.error,
        notes: input.ok ? input.sample.notes : [],
      },
      weight: null,
      share: null,
      step: null,
      steps,
      timeInStepMs: null,
      intervalMs: plan.interval?.ms ?? null,
      requests: { canary: sample?.canary.requests ?? null, baseline: sample?.baseline.requests ?? null },
      minRequests: plan.minRequests ?? null,
      failureLimit: plan.failureLimit ?? 0,
      metrics: [],
      budget: this.budgetMeter?.snapshot() ?? null,
    };
    this.placeWeight(reading, sample, steps, now);

    if (!input.ok) {
      // Show what was last known, but judge nothing from it.
      reading.metrics = plan.metrics.map((m) => this.unjudged(m, sample, 'error', input.error));
      return finish(reading, 'stale', `The source did not answer: ${input.error}`);
    }
    const s = input.sample;
    const age = now - s.at;
    // "Two polls" of the data: ours, or the source's own cadence when that is slower (Prometheus
    // scraping every 30s behind a 15s poll). A rate window conventionally spans four scrapes.
    const poll = Math.max(this.options.pollIntervalMs, s.windowMs / 4);
    if (age > 2 * poll) {
      const why = `The newest data is ${formatDuration(age)} old, older than two polls (${formatDuration(2 * poll)}); the source has stopped reporting.`;
      reading.metrics = plan.metrics.map((m) => this.unjudged(m, s, 'inconclusive', why));
      return finish(reading, 'stale', why);
    }
    if (s.warmingUp) {
      const why = 'First scrape taken; rates need a second one.';
      reading.warmingUp = true;
      reading.metrics = plan.metrics.map((m) => this.unjudged(m, s, 'inconclusive', why));
      return finish(reading, 'inconclusive', why);
    }

    const minRequests = plan.minRequests ?? 0;
    const canaryRequests = s.canary.requests;
    const tooFew =
      canaryRequests === null
        ? minRequests > 0
          ? "the source cannot count the canary's requests, so min_requests cannot be checked"
          : null
        : canaryRequests < minRequests
          ? `only ${round(canaryRequests)} canary request(s) in ${formatDuration(s.windowMs)}, fewer than min_requests ${minRequests}`
          : null;

    reading.metrics = plan.metrics.map((m) => this.judge(m, s, tooFew));
    return finish(reading, ...this.verdictOf(reading, tooFew));
  }

  private judge(m: PlanMetric, s: SourceSample, tooFew: string | null): MetricReading {
    const canary = s.canary.values[m.name] ?? null;
    const baseline = s.baseline.values[m.name] ?? null;
    const threshold = usableThreshold(m);
    const base: MetricReading = {
      name: m.name,
      unit: m.unit ?? null,
      canary,
      baseline,
      threshold: m.threshold?.text ?? null,
      limit: threshold ? resolveLimit(threshold, baseline) : null,
      pass: null,
      phase: 'inconclusive',
      consecutiveFailures: this.failures.get(m.name) ?? 0,
      message: null,
    };
    const sourceError = s.metricErrors[m.name];
    if (sourceError) return { ...base, phase: 'error', message: sourceError };
    if (!threshold)
      return {
        ...base,
        phase: 'error',
        message: m.threshold?.error ?? `${m.name} has no threshold; add one such as "<= 1%".`,
      };
    if (canary === null) return { ...base, message: `No data for the canary's ${metricWords(m.name)} in this window.` };
    const pass = checkThreshold(threshold, canary, baseline);
    if (pass === null)
      return {
        ...base,
        message: `No data for the baseline's ${metricWords(m.name)}, which the threshold compares with.`,
      };
    if (tooFew) return { ...base, message: `Not judged: ${tooFew}.` };
    const failures = pass ? 0 : (this.failures.get(m.name) ?? 0) + 1;
    this.failures.set(m.name, failures);
    return {
      ...base,
      pass,
      phase: pass ? 'pass' : 'fail',
      consecutiveFailures: failures,
      message: pass ? null : breachWords(m, canary, base.limit, threshold),
    };
  }

  private unjudged(
    m: PlanMetric,
    s: SourceSample | undefined,
    phase: 'error' | 'inconclusive',
    why: string,
  ): MetricReading {
    const canary = s?.canary.values[m.name] ?? null;
    const baseline = s?.baseline.values[m.name] ?? null;
    const threshold = usableThreshold(m);
    return {
      name: m.name,
      unit: m.unit ?? null,
      canary,
      baseline,
      threshold: m.threshold?.text ?? null,
      limit: threshold ? resolveLimit(threshold, baseline) : null,
      pass: null,
      phase,
      consecutiveFailures: this.failures.get(m.name) ?? 0,
      message: why,
    };
  }

  private verdictOf(reading: CanaryReading, tooFew: string | null): [Verdict, string] {
    const limit = reading.failureLimit;
    const metrics = reading.metrics;
    if (metrics.length === 0) return ['inconclusive', 'The canary has no metrics to judge; add gates under metrics.'];
    let verdict: Verdict = 'healthy';
    let reason = '';
    const breached = metrics.filter((m) => m.phase === 'fail' && m.consecutiveFailures > limit);
    const tolerated = metrics.filter((m) => m.phase === 'fail' && m.consecutiveFailures <= limit);
    const unknown = metrics.filter((m) => m.phase === 'error' || m.phase === 'inconclusive');
    if (breached.length) {
      verdict = worseVerdict(verdict, 'breach');
      reason = breached.map((m) => m.message).join(' ');
    } else if (tolerated.length) {
      // A tolerated failure is not "healthy": the next check may breach.
      verdict = 'inconclusive';
      reason = tolerated
        .map((m) => `${m.message} Failure ${m.consecutiveFailures} of ${limit} tolerated by failure_limit.`)
        .join(' ');
    } else if (unknown.length) {
      verdict = 'inconclusive';
      reason = tooFew ? `Not judged: ${tooFew}.` : unknown.map((m) => `${m.name}: ${m.message}`).join(' ');
    } else {
      reason = 'Every gate passes.';
    }
    if (verdict === 'healthy' && reading.weight === 100) return ['promoted', 'At 100% and every gate passes.'];
    return [verdict, reason];
  }

  private placeWeight(reading: CanaryReading, sample: SourceSample | undefined, steps: number[], now: number): void {
    if (!sample || sample.warmingUp) return;
    const share = canaryShare(sample.canary.requests, sample.baseline.requests);
    if (share === null) return;
    reading.share = share;
    const snapped = snapToStep(share, steps);
    const weight = snapped ? snapped.weight : Math.round(share);
    reading.weight = weight;
    reading.step = snapped ? snapped.index + 1 : null;
    if (!this.stepState || this.stepState.weight !== weight) this.stepState = { weight, since: sample.at };
    reading.timeInStepMs = Math.max(0, now - this.stepState.since);
  }
}

function finish(reading: CanaryReading, verdict: Verdict, reason: string): CanaryReading {
  reading.verdict = verdict;
  reading.reason = reason;
  return reading;
}

function usableThreshold(m: PlanMetric): Threshold | undefined {
  return m.threshold && !m.threshold.error ? m.threshold.parsed : undefined;
}

function breachWords(m: PlanMetric, canary: number, limit: number | null, t: Threshold): string {
  const unit = m.unit && m.unit !== 'count' ? (m.unit === '%' ? '%' : ` ${m.unit}`) : '';
  const lim = limit === null ? t.text : `${round(limit)}${unit}`;
  return `The canary's ${metricWords(m.name)} is ${round(canary)}${unit}, outside ${t.op} ${lim}.`;
}

function round(x: number): string {
  const r = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100;
  return String(r);
}
