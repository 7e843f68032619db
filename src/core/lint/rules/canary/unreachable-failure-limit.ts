/**
 * canary/unreachable-failure-limit: Argo fails a metric only when its failed measurements exceed
 * `failureLimit` (analysis/analysis.go, assessMetricFailureInconclusiveOrError). A metric takes
 * at most `count` measurements (one when neither `count` nor `interval` is set; Metric.
 * EffectiveCount), or as many as fit in an experiment's `duration` at its `interval`: a limit at
 * or above that many can never be passed, so the gate cannot fail.
 */
import { docsUrl, type Rule, type RuleContext } from '../../rule';
import { formatDuration } from '../../../model/duration';
import { judgedByFailureLimit, ownDefinitions, ownReferences } from './projectParts';

export const unreachableFailureLimit: Rule = {
  meta: {
    id: 'canary/unreachable-failure-limit',
    defaultSeverity: 'error',
    description: 'A failureLimit must be reachable: fewer failures allowed than measurements taken.',
    docsUrl: docsUrl('canary/unreachable-failure-limit'),
    fixable: true,
    appliesTo: ['argo-analysis-template', 'argo-rollout', 'argo-experiment'],
    messages: {
      countLimit:
        '"failureLimit: {{limit}}" allows as many failures as "count: {{count}}" takes measurements, so metric "{{metric}}" can never fail: the gate passes a broken version. Use a failureLimit below {{count}} (e.g. {{suggested}}).',
      belowLimit:
        '"count: {{count}}" is below "failureLimit: {{limit}}": Argo rejects metric "{{metric}}" (count must be >= failureLimit) and even if it ran, it could never fail. Use a failureLimit below {{count}}.',
      singleMeasurement:
        'Metric "{{metric}}" has no "count" or "interval", so Argo measures it once; "failureLimit: {{limit}}" allows that one failure, so it can never fail. Use "failureLimit: 0", or add "interval" and "count" to measure more than once.',
      experimentDuration:
        'This experiment runs {{duration}}; metric "{{metric}}" of "{{template}}" measures every {{interval}}, so at most {{fits}} measurement(s) fit and "failureLimit: {{limit}}" can never be passed: the gate cannot fail. Lower the failureLimit below {{fits}} or run the experiment longer.',
    },
  },
  check(ctx) {
    for (const def of ownDefinitions(ctx)) {
      for (const metric of def.metrics) {
        const limit = judgedByFailureLimit(metric);
        if (limit === undefined || limit === 0 || !metric.failureLimit) continue;
        const count = metric.count?.value;
        const data = { metric: metric.name, limit };
        if (metric.count && count === undefined) continue; // `{{args.count}}`: known only to the run
        if (count !== undefined && count > 0) {
          if (count < limit)
            ctx.report({ ...metric.failureLimit.ref, messageId: 'belowLimit', data: { ...data, count } });
          else if (count === limit) {
            const suggested = count - 1;
            ctx.report({
              ...metric.failureLimit.ref,
              messageId: 'countLimit',
              data: { ...data, count, suggested },
              fix: {
                title: `Set failureLimit: ${suggested}`,
                edits: [{ ...metric.failureLimit.ref, newText: String(suggested) }],
              },
            });
          }
        } else if (count === undefined && !metric.interval) {
          ctx.report({
            ...metric.failureLimit.ref,
            messageId: 'singleMeasurement',
            data,
            fix: { title: 'Set failureLimit: 0', edits: [{ ...metric.failureLimit.ref, newText: '0' }] },
          });
        }
      }
    }
    checkExperiments(ctx);
  },
};

/** An experiment's analyses stop when its duration ends: count what fits, from the referrer. */
function checkExperiments(ctx: RuleContext): void {
  for (const ref of ownReferences(ctx)) {
    if (ref.context !== 'experiment' || ref.durationMs === undefined) continue;
    const found = ctx.project.resolve(ref);
    if (found.length === 0) continue;
    for (const metric of found[0].item.metrics) {
      const limit = judgedByFailureLimit(metric);
      const interval = metric.interval?.ms;
      if (limit === undefined || limit === 0 || metric.count || !interval) continue;
      // The first measurement is taken at once (after initialDelay), then one per interval.
      const fits = Math.max(0, Math.floor((ref.durationMs - (metric.initialDelayMs ?? 0)) / interval) + 1);
      if (limit < fits) continue;
      ctx.report({
        ...ref.ref,
        messageId: 'experimentDuration',
        data: {
          duration: formatDuration(ref.durationMs),
          metric: metric.name,
          template: ref.name,
          interval: formatDuration(interval),
          fits,
          limit,
        },
      });
    }
  }
}
