/**
 * canary/budget-overrun: the fourth pillar. A rollout that, failing outright at its largest
 * guarded step, would burn more of the window's error budget than `max_spend` before it is rolled
 * back spends risk nobody agreed to. The remedies (a smaller largest step, a shorter interval, a
 * lower failure limit) change the plan's pace or safety margin, so they are suggestions only.
 */
import { docsUrl, type Rule, type RuleContext } from '../../rule';
import type { Fix } from '../../finding';
import { formatDuration } from '../../../model/duration';
import { spanWords } from '../../../describe/spanWords';
import { assessBudget, type BudgetAssessment } from '../../../budget/assessBudget';
import { budgetRemedies, formatPercent, type WorstCase } from '../../../budget/worstCaseSpend';
import type { CanaryPlan } from '../../../plan/canaryPlan';

export const budgetOverrun: Rule = {
  meta: {
    id: 'canary/budget-overrun',
    defaultSeverity: 'warning',
    description: "A rollout's worst-case spend of the error budget should stay within `max_spend`.",
    docsUrl: docsUrl('canary/budget-overrun'),
    fixable: false,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
    messages: {
      overrun:
        'In the worst case {{words}}: more than the {{maxSpend}} one rollout may spend ({{source}}). Make the largest step below 100% smaller, the interval shorter or the failure limit lower.',
      invalidBudget: '{{problem}}',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    const outcome = assessBudget(plan, ctx.document, ctx.file, ctx.settings.budget);
    if (outcome.kind === 'invalid') {
      // The config file's problems are said where the config is read; only the canary's own here.
      if (outcome.ref)
        for (const problem of outcome.problems)
          ctx.report({ ...outcome.ref, messageId: 'invalidBudget', data: { problem } });
      return;
    }
    if (outcome.kind !== 'assessed' || !outcome.spend.ok || !outcome.spend.worst) return;
    const worst = outcome.spend.worst;
    if (worst.percent <= outcome.policy.maxSpendPercent + 1e-9) return;
    const suggestions = remedyFixes(ctx, plan, outcome, worst);
    ctx.report({
      ...worst.step.ref,
      messageId: 'overrun',
      data: {
        words: worst.words,
        maxSpend: formatPercent(outcome.policy.maxSpendPercent),
        source: outcome.from === 'canary' ? 'budget.max_spend' : 'max_spend of .release-safety.yaml',
      },
      ...(suggestions.length ? { suggestions } : {}),
    });
  },
};

function remedyFixes(ctx: RuleContext, plan: CanaryPlan, a: BudgetAssessment, worst: WorstCase): Fix[] {
  if (!a.detection.ok) return [];
  const remedies = budgetRemedies(plan, a.policy, a.detection, worst);
  const fixes: Fix[] = [];
  if (remedies.maxWeight !== undefined) {
    const fix = smallerStepFix(ctx, plan, remedies.maxWeight);
    if (fix) fixes.push(fix);
  }
  if (remedies.intervalMs !== undefined && plan.interval) {
    fixes.push({
      title: `Shorten the interval to ${formatDuration(remedies.intervalMs)} (rolls back within ${spanWords(remedies.intervalMs * a.detection.checks)})`,
      edits: [{ ...plan.interval.ref, newText: formatDuration(remedies.intervalMs) }],
    });
  }
  if (remedies.failureLimit !== undefined && plan.failureLimitRef) {
    const key = plan.format === 'flagger' ? 'threshold' : 'failure_limit';
    fixes.push({
      title: `Lower ${key} to ${remedies.failureLimit}`,
      edits: [{ ...plan.failureLimitRef, newText: String(remedies.failureLimit) }],
    });
  }
  return fixes;
}

/** Caps every guarded step at `max` (native: rewrites the list, keeping it strictly increasing). */
function smallerStepFix(ctx: RuleContext, plan: CanaryPlan, max: number): Fix | undefined {
  const title = `Cap the steps below 100% at ${max}%`;
  if (plan.format === 'native' && plan.stepsRef) {
    const weights = plan.steps.map((s) => s.weight);
    if (weights.some((w) => w === null)) return undefined;
    const kept = (weights as number[]).filter((w) => w <= max || w >= 100);
    const below = kept.filter((w) => w < 100);
    if (below.length === 0 || below[below.length - 1] < max) kept.splice(below.length, 0, max);
    return { title, edits: [{ ...plan.stepsRef, newText: `[${kept.join(', ')}]` }] };
  }
  if (plan.format === 'argo') {
    const edits = plan.steps
      .filter((s) => s.weight !== null && s.weight > max && s.weight < 100)
      .map((s) => ({ ...s.ref, newText: String(max) }));
    return edits.length ? { title, edits } : undefined;
  }
  if (
    plan.format === 'flagger' &&
    plan.maxWeight &&
    plan.stepWeight &&
    !ctx.file.text
      .slice(plan.maxWeight.ref.offset, plan.maxWeight.ref.offset + plan.maxWeight.ref.length)
      .includes('\n')
  ) {
    const capped = Math.max(plan.stepWeight.value, Math.floor(max / plan.stepWeight.value) * plan.stepWeight.value);
    if (capped > max) return undefined;
    return { title: `Lower maxWeight to ${capped}`, edits: [{ ...plan.maxWeight.ref, newText: String(capped) }] };
  }
  return undefined;
}
