/** canary/big-first-step: the first step decides how many users a bad release hurts. */
import { docsUrl, type Rule } from '../../rule';

export const bigFirstStep: Rule = {
  meta: {
    id: 'canary/big-first-step',
    defaultSeverity: 'warning',
    description: 'The first step should expose only a small share of traffic (releaseSafety.maxFirstStep, default 5%).',
    docsUrl: docsUrl('canary/big-first-step'),
    fixable: false,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    const first = plan?.steps[0];
    const max = ctx.settings.maxFirstStep;
    if (!plan || !first || first.weight === null || !(first.weight > max) || first.weight >= 100) return;
    const what = plan.format === 'flagger' && plan.stepsDerived ? `"stepWeight: ${first.weight}" sends ${first.weight}%` : `The first step sends ${first.weight}%`;
    ctx.report({
      ...first.ref,
      message: `${what} of traffic to the new version: a bad release hurts ${first.weight}% of users before a gate can stop it. Start at ${max}% or less (setting releaseSafety.maxFirstStep).`,
    });
  },
};
