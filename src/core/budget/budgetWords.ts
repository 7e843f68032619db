/**
 * The worst-case spend in one sentence, for the steps hover and the timeline CodeLens, or why it
 * cannot be known. Undefined when no budget applies to the canary.
 */
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import type { CanaryPlan } from '../plan/canaryPlan';
import { assessBudget } from './assessBudget';
import { formatPercent } from './worstCaseSpend';

export interface BudgetWords {
  /** "Risk budget: a release that fails outright at 50% burns 11.6% of ... (allowed: 10%)." */
  sentence: string;
  /** The arithmetic, for the curious. */
  how?: string;
  /** For a short CodeLens title: "worst case 11.6% of the error budget". */
  short?: string;
  over: boolean;
}

export function budgetWords(
  plan: CanaryPlan,
  document: SourceDocument,
  file: ParsedFile,
  configBudget?: unknown,
): BudgetWords | undefined {
  const a = assessBudget(plan, document, file, configBudget);
  if (a.kind === 'none') return undefined;
  if (a.kind === 'invalid') return { sentence: `Risk budget: not readable (${a.problems.join(' ')})`, over: false };
  const allowed = formatPercent(a.policy.maxSpendPercent);
  if (!a.spend.ok) return { sentence: `Risk budget: the worst case is unknown: ${a.spend.why}.`, over: false };
  const worst = a.spend.worst;
  if (!worst)
    return { sentence: `Risk budget: no step below 100% to judge (allowed: ${allowed} per rollout).`, over: false };
  const over = worst.percent > a.policy.maxSpendPercent + 1e-9;
  return {
    sentence: `Risk budget: ${worst.words} (allowed: ${allowed}${over ? ', over budget' : ''}).`,
    how: `${worst.how}.`,
    short: `worst case ${formatPercent(worst.percent)} of the error budget${over ? ` (over ${allowed})` : ''}`,
    over,
  };
}
