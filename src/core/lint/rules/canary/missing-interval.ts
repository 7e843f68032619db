/** canary/missing-interval: without an interval nobody knows how long a step is watched. */
import { docsUrl, type Rule } from '../../rule';
import { setNativeCanaryKey } from './native-canary-fix';

/** What the fix writes: long enough for a few minutes of traffic to speak. */
export const DEFAULT_INTERVAL = '5m';

export const missingInterval: Rule = {
  meta: {
    id: 'canary/missing-interval',
    defaultSeverity: 'error',
    description: 'A native canary needs a parseable interval: how long each step is watched.',
    docsUrl: docsUrl('canary/missing-interval'),
    fixable: true,
    appliesTo: ['canary'],
    messages: {
      missing:
        'This canary has no "interval", so nobody knows how long each step is watched before more users get it. Add one, e.g. "interval: {{example}}".',
      unreadable: '"interval" cannot be read: {{problem}}.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.format !== 'native') return;
    if (!plan.interval) {
      const fix = setNativeCanaryKey(ctx, `Set interval: ${DEFAULT_INTERVAL}`, 'interval', DEFAULT_INTERVAL);
      ctx.report({
        ...plan.anchor,
        messageId: 'missing',
        data: { example: DEFAULT_INTERVAL },
        ...(fix ? { fix } : {}),
      });
      return;
    }
    if (plan.interval.ms === null) {
      ctx.report({
        ...plan.interval.ref,
        messageId: 'unreadable',
        data: { problem: (plan.interval.error ?? 'write a duration such as 30s, 5m or 1h30m').replace(/\.$/, '') },
      });
    }
  },
};
