/** canary/straight-to-full: a first step of 100% is a big-bang release with extra steps. */
import { docsUrl, type Rule } from '../../rule';

export const straightToFull: Rule = {
  meta: {
    id: 'canary/straight-to-full',
    defaultSeverity: 'error',
    description: 'The first step must not send all traffic to the new version.',
    docsUrl: docsUrl('canary/straight-to-full'),
    fixable: false,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    const first = plan?.steps[0];
    if (!plan || !first || first.weight !== 100) return;
    let message: string;
    if (plan.format === 'flagger' && plan.stepsDerived) {
      message = `"stepWeight: ${plan.stepWeight?.value}" reaches "maxWeight: ${plan.maxWeight?.value ?? 100}" in one step: every user gets the new version before any check runs. Use a small stepWeight such as 5.`;
    } else if (plan.format === 'argo') {
      message =
        'The first "setWeight: 100" sends every user to the new version before any check runs. Start with a small weight such as 5 and grow it step by step.';
    } else {
      message =
        'The first step sends 100% of traffic to the new version before any check runs. Start with a small step such as [1, 5, 25, 50, 100].';
    }
    ctx.report({ ...first.ref, message });
  },
};
