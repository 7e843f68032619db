/** canary/steps-order: traffic weights must be numbers that only grow, within 0 < p <= 100. */
import { docsUrl, type Rule, type RuleContext } from '../../rule';
import type { CanaryPlan } from '../../../plan/canaryPlan';

export const stepsOrder: Rule = {
  meta: {
    id: 'canary/steps-order',
    defaultSeverity: 'error',
    description: 'Steps must be traffic percentages, strictly increasing, each above 0 and at most 100.',
    docsUrl: docsUrl('canary/steps-order'),
    fixable: false,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    if (plan.stepsDerived) return checkFlaggerWeights(ctx, plan);
    let previous: number | undefined;
    plan.steps.forEach((step, i) => {
      const nth = plan.format === 'argo' ? `The setWeight step ${i + 1}` : `Step ${i + 1}`;
      if (step.weight === null) {
        ctx.report({ ...step.ref, message: `${nth} is not a number. Write the traffic percent as a plain number, e.g. 25 (not "25%").` });
        return;
      }
      if (!(step.weight > 0 && step.weight <= 100)) {
        ctx.report({ ...step.ref, message: `${nth} is ${step.weight}%, outside 0 < p <= 100. Use a traffic percent above 0 and at most 100.` });
        return;
      }
      if (previous !== undefined && step.weight <= previous) {
        ctx.report({
          ...step.ref,
          message: `${nth} (${step.weight}%) is not above the step before it (${previous}%): steps must grow, so each stage exposes more users only after the last one held. Reorder them or drop the repeat.`,
        });
      }
      previous = step.weight;
    });
  },
};

function checkFlaggerWeights(ctx: RuleContext, plan: CanaryPlan): void {
  if (!plan.stepWeight) {
    if (plan.stepsRef) ctx.report({ ...plan.stepsRef, message: '"stepWeight" is not a number. Write the traffic percent added per interval, e.g. 5.' });
  } else if (!(plan.stepWeight.value > 0 && plan.stepWeight.value <= 100)) {
    ctx.report({ ...plan.stepWeight.ref, message: `"stepWeight: ${plan.stepWeight.value}" is outside 0 < p <= 100. Use the traffic percent added per interval, e.g. 5.` });
  }
  if (plan.maxWeight && !(plan.maxWeight.value > 0 && plan.maxWeight.value <= 100)) {
    ctx.report({ ...plan.maxWeight.ref, message: `"maxWeight: ${plan.maxWeight.value}" is outside 0 < p <= 100. Use the highest canary share before promotion, e.g. 50.` });
  }
}
