/**
 * canary/short-interval: a check that reads seconds of data judges on a handful of requests. For
 * Flagger that is each metric's own `interval` (the window its query reads, 1m when left out),
 * not `analysis.interval`, which only says how often the checks run. A custom metric's window is
 * its MetricTemplate's business: the interval reaches the query only through `{{ interval }}`
 * (MetricTemplateModel in Flagger pkg/apis/flagger/v1beta1/metric.go), so a template with its own `[5m]`, or one not
 * linted with the Canary, is left alone.
 */
import { docsUrl, type Rule } from '../../rule';
import { formatDuration } from '../../../model/duration';
import { ownReferences } from './projectParts';

const MIN_INTERVAL_MS = 60_000;

export const shortInterval: Rule = {
  meta: {
    id: 'canary/short-interval',
    defaultSeverity: 'warning',
    description: 'Each check should read at least a minute of data: shorter windows judge on too little.',
    docsUrl: docsUrl('canary/short-interval'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
    messages: {
      interval:
        'An interval of {{duration}} judges each step on too little data: a few lucky requests can promote a bad version. Use 1m or more.',
      metricWindow:
        'This metric reads only {{duration}} of data per check: a few lucky requests can promote a bad version. Use "interval: 1m" or more (how often checks run is "analysis.interval").',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    if (plan.format === 'flagger') {
      for (const metric of plan.metrics) {
        const w = metric.window;
        if (!w || w.ms === null || w.ms >= MIN_INTERVAL_MS) continue;
        if (metric.templateRef !== undefined && !templateReadsInterval(ctx, metric.templateRef)) continue;
        ctx.report({
          ...w.ref,
          messageId: 'metricWindow',
          data: { duration: formatDuration(w.ms) },
          suggestions: [{ title: 'Read 1m of data per check', edits: [{ ...w.ref, newText: '1m' }] }],
        });
      }
      return;
    }
    const interval = plan.interval;
    if (!interval || interval.ms === null || interval.ms >= MIN_INTERVAL_MS) return;
    ctx.report({ ...interval.ref, messageId: 'interval', data: { duration: formatDuration(interval.ms) } });
  },
};

/** Every MetricTemplate this name resolves to (at least one; those of this file first) reads `{{ interval }}`. */
function templateReadsInterval(ctx: Parameters<Rule['check']>[0], name: string): boolean {
  const ref = ownReferences(ctx).find((r) => r.kind === 'MetricTemplate' && r.name === name);
  if (!ref) return false;
  const defs = ctx.project.resolve(ref);
  // A template in the Canary's own file is the one meant (docs repeat names across tutorials).
  const local = defs.filter((d) => d.file === ctx.project.file);
  const judged = local.length > 0 ? local : defs;
  return judged.length > 0 && judged.every((d) => d.item.readsInterval === true);
}
