/**
 * A live reading's budget in words, shared by `release-safety status`, the Canary view and the
 * status-bar tooltip so that all three say the same thing.
 */
import type { ReadingBudget } from './liveSpend';
import { formatPercent } from './worstCaseSpend';

export interface BudgetSummary {
  text: string;
  /** The spend has passed the allowance. */
  over: boolean;
  /** Over while every gate passes: the failures are small, but they add up. */
  overWhileHealthy: boolean;
}

export function budgetSummary(b: ReadingBudget, gatesPass: boolean): BudgetSummary {
  const allowed = `allowed ${formatPercent(b.maxSpendPercent)} per rollout`;
  const worst = b.worstCasePercent === null ? 'worst case unknown' : `worst case ${formatPercent(b.worstCasePercent)}`;
  if (b.spentPercent === null)
    return {
      text: `spent: not measured (${b.note ?? 'no data yet'}); ${worst}; ${allowed}`,
      over: false,
      overWhileHealthy: false,
    };
  const over = b.spentPercent > b.maxSpendPercent;
  const spent = `spent ${formatPercent(b.spentPercent)} of the error budget since watching began`;
  if (over && gatesPass) {
    return {
      text: `OVER BUDGET: ${spent}, more than the ${formatPercent(b.maxSpendPercent)} allowed, although every gate passes: many small failures under the thresholds add up. Consider rolling back or pausing; ${worst}`,
      over,
      overWhileHealthy: true,
    };
  }
  return { text: `${over ? 'OVER BUDGET: ' : ''}${spent}; ${worst}; ${allowed}`, over, overWhileHealthy: false };
}
