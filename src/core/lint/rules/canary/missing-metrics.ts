/** canary/missing-metrics: without metrics the canary's gates watch nothing. */
import { docsUrl, type Rule } from '../../rule';

export const missingMetrics: Rule = {
  meta: {
    id: 'canary/missing-metrics',
    defaultSeverity: 'error',
    description: 'A canary must be judged by metrics; without them it is promoted blind.',
    docsUrl: docsUrl('canary/missing-metrics'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.format === 'argo' || plan.metrics.length > 0) return;
    const message =
      plan.format === 'native'
        ? 'This canary has no metrics, so no gate can fail and a broken version is promoted blind. Add "metrics" such as error-rate ("<= 1%") and p99-latency ("<= baseline * 1.1").'
        : 'This Canary has no "analysis.metrics", so a broken version is promoted blind. Add request-success-rate and request-duration (or a templateRef to your own MetricTemplate).';
    ctx.report({ ...(plan.metricsRef ?? plan.anchor), message });
  },
};
