/** canary/no-sample-guard: without a minimum sample, 3 requests can pass a gate. */
import { docsUrl, type Rule } from '../../rule';
import { setNativeCanaryKey } from './native-canary-fix';

/** What the fix writes: enough requests that a 1% error rate is more than one unlucky call. */
export const DEFAULT_MIN_REQUESTS = 100;

export const noSampleGuard: Rule = {
  meta: {
    id: 'canary/no-sample-guard',
    defaultSeverity: 'info',
    description:
      'A native canary should set min_requests, so that too little traffic is "inconclusive", never "healthy".',
    docsUrl: docsUrl('canary/no-sample-guard'),
    fixable: true,
    appliesTo: ['canary'],
    messages: {
      guardsNothing:
        '"min_requests: {{value}}" guards nothing: a check over a handful of requests can still pass. Set it to the fewest requests you trust, e.g. {{example}}.',
      notANumber: '"min_requests" must be a number of requests per check, e.g. {{example}}.',
      missing:
        'Without "min_requests", a check over three requests can call the canary healthy. Add "min_requests: {{example}}" so thin traffic is "inconclusive" instead.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.format !== 'native') return;
    if (plan.minRequests !== undefined && plan.minRequests > 0) return;
    const fix = setNativeCanaryKey(
      ctx,
      `Set min_requests: ${DEFAULT_MIN_REQUESTS}`,
      'min_requests',
      DEFAULT_MIN_REQUESTS,
    );
    if (plan.minRequests !== undefined) {
      ctx.report({
        ...plan.minRequestsRef!,
        messageId: 'guardsNothing',
        data: { value: plan.minRequests, example: DEFAULT_MIN_REQUESTS },
        ...(fix ? { fix } : {}),
      });
      return;
    }
    if (plan.minRequestsRef) {
      ctx.report({ ...plan.minRequestsRef, messageId: 'notANumber', data: { example: DEFAULT_MIN_REQUESTS } });
      return;
    }
    ctx.report({
      ...plan.anchor,
      messageId: 'missing',
      data: { example: DEFAULT_MIN_REQUESTS },
      ...(fix ? { fix } : {}),
    });
  },
};
