/**
 * canary/big-first-step: the first step decides how many users a bad release hurts. Without
 * `trafficRouting` an Argo weight is only a target: traffic follows pods, so the real share is
 * the canary's pods over all pods (at least one pod), which the message says.
 */
import { docsUrl, type Rule } from '../../rule';

export const bigFirstStep: Rule = {
  meta: {
    id: 'canary/big-first-step',
    defaultSeverity: 'warning',
    description: 'The first step should expose only a small share of traffic (releaseSafety.maxFirstStep, default 5%).',
    docsUrl: docsUrl('canary/big-first-step'),
    fixable: false,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
    messages: {
      firstStep:
        'The first step sends {{weight}}% of traffic to the new version: a bad release hurts {{weight}}% of users before a gate can stop it. Start at {{max}}% or less (setting releaseSafety.maxFirstStep).',
      stepWeight:
        '"stepWeight: {{weight}}" sends {{weight}}% of traffic to the new version: a bad release hurts {{weight}}% of users before a gate can stop it. Start at {{max}}% or less (setting releaseSafety.maxFirstStep).',
      podShare:
        '"setWeight: {{weight}}" without trafficRouting runs {{canaryPods}} canary pod(s) of {{totalPods}}, so about {{share}}% of traffic reaches the new version before a gate can stop it. Use more replicas, or trafficRouting for a weight below one pod, to start at {{max}}% or less (setting releaseSafety.maxFirstStep).',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    // Argo's setWeight 0 exposes nobody: the first step that sends traffic is the one that counts.
    const first = plan?.format === 'argo' ? plan.steps.find((s) => s.weight !== 0) : plan?.steps[0];
    const max = ctx.settings.maxFirstStep;
    if (!plan || !first || first.weight === null || first.weight >= 100 || first.weight <= 0) return;
    if (first.exposure) {
      if (!(first.exposure.percent > max)) return;
      const { canaryPods, totalPods, percent } = first.exposure;
      ctx.report({
        ...first.ref,
        messageId: 'podShare',
        data: { weight: first.weight, canaryPods, totalPods, share: percent, max },
      });
      return;
    }
    if (!(first.weight > max)) return;
    const messageId = plan.format === 'flagger' && plan.stepsDerived ? 'stepWeight' : 'firstStep';
    ctx.report({ ...first.ref, messageId, data: { weight: first.weight, max } });
  },
};
