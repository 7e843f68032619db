/**
 * The budget a watched canary has spent so far: its failed requests since watching began, as a
 * share of the failed requests the objective allows over its window:
 *   spent = canary error requests / ((1 - slo) x total request rate x window)
 * Failed requests come from the canary's error-rate (or success-rate) gate times its requests;
 * readings are integrated over the time between them (capped at one window), so overlapping
 * Prometheus windows are not counted twice. The total rate (canary + baseline) is averaged over
 * the watch, standing for the service's traffic over the window.
 */
import type { CanaryPlan } from '../plan/canaryPlan';
import type { SourceSample } from '../canary/source';
import { measureOf } from '../canary/source';
import type { BudgetPolicy } from './budgetPolicy';

/** What a reading says about the budget (the JSON of `status`). */
export interface ReadingBudget {
  /** Worst-case spend of the plan; null when it cannot be known. */
  worstCasePercent: number | null;
  /** Spent since watching began; null until it can be measured. */
  spentPercent: number | null;
  maxSpendPercent: number;
  /** Why spentPercent is null, in plain words. */
  note?: string;
}

/** The budget a watch starts with: the policy and the plan's worst case. */
export interface LiveBudget {
  policy: BudgetPolicy;
  worstCasePercent: number | null;
}

export class BudgetMeter {
  private errors = 0;
  private rateTime = 0;
  private seconds = 0;
  private lastAt: number | undefined;
  private measured = false;
  private readonly errorGate: { name: string; kind: 'error-rate' | 'success-rate' } | undefined;

  constructor(
    plan: CanaryPlan,
    private readonly budget: LiveBudget,
  ) {
    for (const m of plan.metrics) {
      const kind = measureOf(m).kind;
      if (kind === 'error-rate' || kind === 'success-rate') {
        this.errorGate = { name: m.name, kind };
        break;
      }
    }
  }

  /** Adds one sample's failed requests; a sample seen before (same `at`) adds nothing. */
  add(sample: SourceSample): void {
    if (sample.warmingUp || !(sample.windowMs > 0)) return;
    if (this.lastAt !== undefined && sample.at <= this.lastAt) return;
    const windowS = sample.windowMs / 1000;
    const dt = Math.min(windowS, this.lastAt === undefined ? windowS : (sample.at - this.lastAt) / 1000);
    this.lastAt = sample.at;
    const canary = sample.canary.requests;
    const baseline = sample.baseline.requests;
    if (canary === null || !this.errorGate) return;
    const value = sample.canary.values[this.errorGate.name];
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    const errorShare = clamp01((this.errorGate.kind === 'error-rate' ? value : 100 - value) / 100);
    this.errors += ((canary * errorShare) / windowS) * dt;
    this.rateTime += ((canary + (baseline ?? 0)) / windowS) * dt;
    this.seconds += dt;
    this.measured = true;
  }

  snapshot(): ReadingBudget {
    const { policy, worstCasePercent } = this.budget;
    const base = { worstCasePercent, maxSpendPercent: policy.maxSpendPercent };
    if (!this.errorGate)
      return { ...base, spentPercent: null, note: 'no error-rate or success-rate gate to count failed requests with' };
    if (!this.measured) return { ...base, spentPercent: null, note: 'no requests measured yet' };
    const meanRate = this.rateTime / this.seconds;
    const allowed = (1 - policy.slo) * meanRate * (policy.windowMs / 1000);
    if (!(allowed > 0)) return { ...base, spentPercent: null, note: 'no traffic measured yet' };
    return { ...base, spentPercent: (100 * this.errors) / allowed };
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
