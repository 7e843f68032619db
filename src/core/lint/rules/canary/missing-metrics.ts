/**
 * canary/missing-metrics: without metrics the canary's gates watch nothing. A Flagger Canary
 * whose only checks are webhooks is not blind (a k6 test with thresholds fails the hook), but a
 * plain load generator answers 200 whatever the canary does, so the finding stays and says so.
 */
import { docsUrl, type Rule } from '../../rule';

export const missingMetrics: Rule = {
  meta: {
    id: 'canary/missing-metrics',
    defaultSeverity: 'error',
    description: 'A canary must be judged by metrics; without them it is promoted blind.',
    docsUrl: docsUrl('canary/missing-metrics'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
    messages: {
      native:
        'This canary has no metrics, so no gate can fail and a broken version is promoted blind. Add "metrics" such as error-rate ("<= 1%") and p99-latency ("<= baseline * 1.1").',
      flagger:
        'This Canary has no "analysis.metrics", so a broken version is promoted blind. Add request-success-rate and request-duration (or a templateRef to your own MetricTemplate).',
      flaggerWebhooksOnly:
        'This Canary has no "analysis.metrics": only webhooks ({{names}}) can stop it, and only if the hook fails when the canary misbehaves (a load generator that always answers 200 stops nothing). Add request-success-rate and request-duration (or a templateRef to your own MetricTemplate).',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.format === 'argo' || plan.metrics.length > 0) return;
    const ref = plan.metricsRef ?? plan.anchor;
    if (plan.format === 'native') {
      ctx.report({ ...ref, messageId: 'native' });
      return;
    }
    const gates = (plan.webhooks ?? []).filter((w) => w.gates);
    if (gates.length === 0) {
      ctx.report({ ...ref, messageId: 'flagger' });
      return;
    }
    const names = gates.map((w) => `"${w.name ?? w.type ?? 'rollout'}"`).join(', ');
    ctx.report({ ...ref, messageId: 'flaggerWebhooksOnly', data: { names } });
  },
};
