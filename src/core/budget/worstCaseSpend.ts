/**
 * The worst-case spend of a rollout (docs/budget.md): a version that fails every request, first
 * noticed at the worst guarded step (every step below 100%), burns
 *   max over steps w < 100 of (w / 100) x T / B
 * of the window's error budget B = (1 - slo) x window, with T the worst-case time to roll back.
 * Also what would bring it under `max_spend`: the largest guarded step, interval or failure
 * limit that fits.
 */
import type { CanaryPlan, PlanStep } from '../plan/canaryPlan';
import { spanWords } from '../describe/spanWords';
import { errorBudgetMs, trim, type BudgetPolicy } from './budgetPolicy';
import type { Detection } from './detectionTime';

export interface WorstCase {
  /** Percent of the window's error budget. */
  percent: number;
  /** The guarded step that exposes most traffic. */
  weight: number;
  step: PlanStep;
  detectionMs: number;
  budgetMs: number;
  /** "a release that fails outright at 50% burns 11.6% of the 30-day error budget before it is rolled back" */
  words: string;
  /** The arithmetic, for a hover. */
  how: string;
}

export type SpendResult = { ok: true; worst: WorstCase | null } | { ok: false; why: string };

export function worstCaseSpend(plan: CanaryPlan, policy: BudgetPolicy, detection: Detection): SpendResult {
  if (!detection.ok) return { ok: false, why: detection.why };
  const guarded = guardedSteps(plan);
  // No step below 100%: the release goes straight to everyone; straight-to-full says so.
  if (guarded.length === 0) return { ok: true, worst: null };
  const step = guarded.reduce((a, b) => ((b.weight ?? 0) > (a.weight ?? 0) ? b : a));
  const weight = step.weight ?? 0;
  const budgetMs = errorBudgetMs(policy);
  const percent = ((weight / 100) * detection.ms * 100) / budgetMs;
  const windowWords = windowAdjective(policy.windowMs);
  return {
    ok: true,
    worst: {
      percent,
      weight,
      step,
      detectionMs: detection.ms,
      budgetMs,
      words: `a release that fails outright at ${trim(weight)}% burns ${formatPercent(percent)} of the ${windowWords} error budget before it is rolled back`,
      how: `${trim(weight)}% x ${spanWords(detection.ms)} (${detection.how}) / ${spanWords(budgetMs)} of error budget ((100% - ${policy.sloText}) x ${policy.windowText})`,
    },
  };
}

/** Steps that a gate watches before full traffic: every readable weight in (0, 100). */
export function guardedSteps(plan: CanaryPlan): PlanStep[] {
  return plan.steps.filter((s) => s.weight !== null && s.weight > 0 && s.weight < 100);
}

/** What would bring the worst case to at most `max_spend`, each on its own. */
export interface BudgetRemedies {
  /** The largest guarded step that fits (whole percent, >= 1), when smaller than today's. */
  maxWeight?: number;
  /** The longest interval that fits (whole minutes, or seconds below a minute), when shorter. */
  intervalMs?: number;
  /** Native failure_limit or Flagger threshold that fits, when lower. */
  failureLimit?: number;
}

export function budgetRemedies(
  plan: CanaryPlan,
  policy: BudgetPolicy,
  detection: Detection & { ok: true },
  worst: WorstCase,
): BudgetRemedies {
  const allowedMs = (policy.maxSpendPercent / 100) * errorBudgetMs(policy);
  const out: BudgetRemedies = {};
  // (w/100) x T <= allowed  =>  w <= 100 x allowed / T
  const w = Math.floor((100 * allowedMs) / detection.ms);
  if (w >= 1 && w < worst.weight) out.maxWeight = w;
  if (plan.format !== 'argo') {
    const perCheck = allowedMs / ((worst.weight / 100) * detection.checks);
    const interval = perCheck >= 60_000 ? Math.floor(perCheck / 60_000) * 60_000 : Math.floor(perCheck / 1000) * 1000;
    // Below a minute a check judges too little data (canary/short-interval): not a remedy.
    if (interval >= 60_000 && interval < detection.intervalMs) out.intervalMs = interval;
    const checks = Math.floor(allowedMs / ((worst.weight / 100) * detection.intervalMs));
    if (plan.format === 'flagger') {
      if (checks >= 1 && checks < detection.checks) out.failureLimit = checks;
    } else if (checks - 1 >= 0 && checks < detection.checks) out.failureLimit = checks - 1;
  }
  return out;
}

/** 11.574 -> "11.6%", 0.04 -> "0.04%". */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '?%';
  if (p >= 10) return `${Math.round(p * 10) / 10}%`;
  if (p >= 0.1) return `${Math.round(p * 100) / 100}%`;
  return `${Number(p.toPrecision(2))}%`;
}

function windowAdjective(ms: number): string {
  const day = 86_400_000;
  if (ms % day === 0) return `${ms / day}-day`;
  return spanWords(ms);
}
