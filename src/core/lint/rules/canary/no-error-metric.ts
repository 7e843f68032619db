/** canary/no-error-metric: latency alone misses a canary that fails fast. */
import { docsUrl, type Rule } from '../../rule';

export const noErrorMetric: Rule = {
  meta: {
    id: 'canary/no-error-metric',
    defaultSeverity: 'warning',
    description: 'At least one metric should watch errors (error-rate, success-rate, request-success-rate).',
    docsUrl: docsUrl('canary/no-error-metric'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.metrics.length === 0 || plan.metrics.some((m) => m.watchesErrors)) return;
    const add =
      plan.format === 'flagger'
        ? 'Add request-success-rate (thresholdRange: {min: 99})'
        : 'Add error-rate ("<= 1%") or success-rate (">= 99%")';
    ctx.report({
      ...(plan.metricsRef ?? plan.anchor),
      message: `None of these metrics watches errors: a canary that answers fast with 500s passes every gate. ${add}.`,
    });
  },
};
