/** canary/invalid-threshold: a gate that cannot be read cannot stop anything. */
import { docsUrl, type Rule } from '../../rule';

export const invalidThreshold: Rule = {
  meta: {
    id: 'canary/invalid-threshold',
    defaultSeverity: 'error',
    description: 'Every threshold must parse, and its unit must fit its metric.',
    docsUrl: docsUrl('canary/invalid-threshold'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
    messages: {
      unreadable: 'The threshold {{written}}{{whose}} cannot be checked: {{problem}}.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    for (const metric of plan.metrics) {
      const t = metric.threshold;
      if (!t?.error) continue;
      const whose = metric.name ? ` of "${metric.name}"` : '';
      const written = t.text ? `"${t.text}"` : 'as written';
      ctx.report({
        ...(t.errorRef ?? t.ref),
        messageId: 'unreadable',
        data: { written, whose, problem: withoutFinalStop(t.error) },
      });
    }
  },
};

/** The template ends the sentence itself. */
function withoutFinalStop(text: string): string {
  return text.replace(/\.$/, '');
}
