/**
 * canary/endless-pause: an Argo `pause: {}` waits for a human, forever. After `setWeight: 100`
 * the new version already takes all traffic, so the wait is not "half-released": the rollout is
 * simply never finished (the stable ReplicaSet is kept and the rollout stays Paused) until
 * someone promotes it.
 */
import { docsUrl, type Rule } from '../../rule';

export const endlessPause: Rule = {
  meta: {
    id: 'canary/endless-pause',
    defaultSeverity: 'warning',
    description: 'An Argo pause without a duration holds the canary until someone promotes it by hand.',
    docsUrl: docsUrl('canary/endless-pause'),
    fixable: false,
    appliesTo: ['argo-rollout'],
    messages: {
      halfReleased:
        'This pause has no duration: the canary waits, half-released, until someone runs "kubectl argo rollouts promote". Give it one (pause: {duration: 10m}) and let analysis decide.',
      atFullWeight:
        'This pause has no duration: the new version already takes all traffic, but the rollout stays paused and unfinished (the old ReplicaSet kept) until someone runs "kubectl argo rollouts promote". Give it one (pause: {duration: 10m}) and let analysis decide.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    for (const pause of plan.pauses) {
      if (pause.durationMs !== null) continue;
      const messageId = pause.weight !== undefined && pause.weight >= 100 ? 'atFullWeight' : 'halfReleased';
      ctx.report({ ...pause.ref, messageId });
    }
  },
};
