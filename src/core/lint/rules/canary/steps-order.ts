/**
 * canary/steps-order: traffic weights must be numbers that do not shrink, within 0 < p <= 100.
 * Argo allows the same `setWeight` twice (a pause, an analysis or an experiment at one weight;
 * the way `startingStep` lines up), so only a drop is an error there; native steps must grow.
 */
import { docsUrl, type Rule, type RuleContext } from '../../rule';
import type { CanaryPlan } from '../../../plan/canaryPlan';

export const stepsOrder: Rule = {
  meta: {
    id: 'canary/steps-order',
    defaultSeverity: 'error',
    description: 'Steps must be traffic percentages that grow (Argo: never shrink), each above 0 and at most 100.',
    docsUrl: docsUrl('canary/steps-order'),
    fixable: false,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
    messages: {
      notNumber: '{{nth}} is not a number. Write the traffic percent as a plain number, e.g. 25 (not "25%").',
      outOfRange: '{{nth}} is {{weight}}%, outside {{range}}. Use a traffic percent above 0 and at most 100.',
      notIncreasing:
        '{{nth}} ({{weight}}%) is not above the step before it ({{previous}}%): steps must grow, so each stage exposes more users only after the last one held. Reorder them or drop the repeat.',
      decreasing:
        '{{nth}} ({{weight}}%) is below the weight before it ({{previous}}%): the canary shrinks mid-rollout, so the steps after it judge fewer users than the ones before. Reorder the steps.',
      stepWeightNotNumber: '"stepWeight" is not a number. Write the traffic percent added per interval, e.g. 5.',
      stepWeightRange:
        '"stepWeight: {{value}}" is outside 0 < p <= 100. Use the traffic percent added per interval, e.g. 5.',
      maxWeightRange:
        '"maxWeight: {{value}}" is outside 0 < p <= 100. Use the highest canary share before promotion, e.g. 50.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    if (plan.stepsDerived) return checkFlaggerWeights(ctx, plan);
    let previous: number | undefined;
    plan.steps.forEach((step, i) => {
      const nth = plan.format === 'argo' ? `The setWeight step ${i + 1}` : `Step ${i + 1}`;
      if (step.weight === null) {
        ctx.report({ ...step.ref, messageId: 'notNumber', data: { nth } });
        return;
      }
      // Argo accepts setWeight 0 (validation: "between 0 and 100"): traffic back to stable for a step.
      const low = plan.format === 'argo' ? step.weight >= 0 : step.weight > 0;
      if (!(low && step.weight <= 100)) {
        ctx.report({
          ...step.ref,
          messageId: 'outOfRange',
          data: { nth, weight: step.weight, range: plan.format === 'argo' ? '0 <= p <= 100' : '0 < p <= 100' },
        });
        return;
      }
      // A setWeight 0 step (Argo) sends traffic back to stable on purpose: not part of the ladder.
      if (plan.format === 'argo' && step.weight === 0) return;
      if (previous !== undefined) {
        if (plan.format === 'argo' && step.weight < previous)
          ctx.report({ ...step.ref, messageId: 'decreasing', data: { nth, weight: step.weight, previous } });
        else if (plan.format !== 'argo' && step.weight <= previous)
          ctx.report({ ...step.ref, messageId: 'notIncreasing', data: { nth, weight: step.weight, previous } });
      }
      previous = step.weight;
    });
  },
};

function checkFlaggerWeights(ctx: RuleContext, plan: CanaryPlan): void {
  if (!plan.stepWeight) {
    if (plan.stepsRef) ctx.report({ ...plan.stepsRef, messageId: 'stepWeightNotNumber' });
  } else if (!(plan.stepWeight.value > 0 && plan.stepWeight.value <= 100)) {
    ctx.report({ ...plan.stepWeight.ref, messageId: 'stepWeightRange', data: { value: plan.stepWeight.value } });
  }
  if (plan.maxWeight && !(plan.maxWeight.value > 0 && plan.maxWeight.value <= 100)) {
    ctx.report({ ...plan.maxWeight.ref, messageId: 'maxWeightRange', data: { value: plan.maxWeight.value } });
  }
}
