/** canary/short-interval: a step watched for seconds is judged on a handful of requests. */
import { docsUrl, type Rule } from '../../rule';
import { formatDuration } from '../../../model/duration';

const MIN_INTERVAL_MS = 60_000;

export const shortInterval: Rule = {
  meta: {
    id: 'canary/short-interval',
    defaultSeverity: 'warning',
    description: 'Each step should be watched for at least a minute: shorter intervals judge on too little data.',
    docsUrl: docsUrl('canary/short-interval'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
  },
  check(ctx) {
    const interval = ctx.plan?.interval;
    if (!interval || interval.ms === null || interval.ms >= MIN_INTERVAL_MS) return;
    ctx.report({
      ...interval.ref,
      message: `An interval of ${formatDuration(interval.ms)} judges each step on too little data: a few lucky requests can promote a bad version. Use 1m or more.`,
    });
  },
};
