/** canary/endless-pause: an Argo `pause: {}` waits for a human, forever. */
import { docsUrl, type Rule } from '../../rule';

export const endlessPause: Rule = {
  meta: {
    id: 'canary/endless-pause',
    defaultSeverity: 'warning',
    description: 'An Argo pause without a duration holds the canary until someone promotes it by hand.',
    docsUrl: docsUrl('canary/endless-pause'),
    fixable: false,
    appliesTo: ['argo-rollout'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    for (const pause of plan.pauses) {
      if (pause.durationMs !== null) continue;
      ctx.report({
        ...pause.ref,
        message:
          'This pause has no duration: the canary waits, half-released, until someone runs "kubectl argo rollouts promote". Give it one (pause: {duration: 10m}) and let analysis decide.',
      });
    }
  },
};
