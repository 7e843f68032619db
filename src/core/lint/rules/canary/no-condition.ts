/**
 * canary/no-condition: a measurement is judged only by its conditions. Argo marks a measurement
 * with neither `successCondition` nor `failureCondition` Successful whatever its value
 * (utils/evaluate/evaluate.go, EvaluateResult), for the providers that evaluate conditions;
 * Flagger halts on a metric only through its `thresholdRange` (pkg/controller/scheduler_metrics.go).
 * Such a metric can never fail the canary: it only records a number.
 */
import type { YAMLMap } from 'yaml';
import { docsUrl, type Rule } from '../../rule';
import { asMap, asSeq, pairOf, refOf, valueOf } from '../../../parse/yamlNodes';
import { textValue } from '../../../plan/planParts';

/** Argo providers whose result goes through successCondition / failureCondition. A `web` metric
 * without conditions is a smoke check (an HTTP error is a measurement error), `job` and `kayenta`
 * judge by themselves, plugins are unknown: none of those is flagged. */
const CONDITION_PROVIDERS = [
  'prometheus',
  'datadog',
  'newRelic',
  'wavefront',
  'cloudWatch',
  'graphite',
  'influxdb',
  'skywalking',
];

export const noCondition: Rule = {
  meta: {
    id: 'canary/no-condition',
    defaultSeverity: 'warning',
    description:
      'A metric needs a condition (Argo successCondition / failureCondition, Flagger thresholdRange), or it can never fail.',
    docsUrl: docsUrl('canary/no-condition'),
    fixable: false,
    appliesTo: ['argo-analysis-template', 'flagger-canary'],
    messages: {
      argo: 'Metric "{{metric}}" has neither "successCondition" nor "failureCondition", so Argo counts every {{provider}} measurement as Successful whatever it returns: this gate can never fail. Add e.g. "successCondition: result[0] >= 0.99".',
      flagger:
        'Metric "{{metric}}" has no "thresholdRange", so Flagger records it but never halts or rolls back on it. Add "thresholdRange" with a min or max.',
    },
  },
  check(ctx) {
    const doc = ctx.document.doc;
    const root = asMap(doc.contents, doc);
    if (ctx.document.kind === 'flagger-canary') {
      const spec = asMap(valueOf(root, 'spec', doc), doc);
      const analysis = asMap(valueOf(spec, 'analysis', doc) ?? valueOf(spec, 'canaryAnalysis', doc), doc);
      for (const item of asSeq(valueOf(analysis, 'metrics', doc), doc)?.items ?? []) {
        const metric = asMap(item, doc);
        // The deprecated per-metric `threshold` still counts when thresholdRange is absent.
        if (!metric || pairOf(metric, 'thresholdRange') || pairOf(metric, 'threshold')) continue;
        report(ctx, metric, 'flagger', {});
      }
      return;
    }
    for (const item of asSeq(valueOf(asMap(valueOf(root, 'spec', doc), doc), 'metrics', doc), doc)?.items ?? []) {
      const metric = asMap(item, doc);
      if (!metric || pairOf(metric, 'successCondition') || pairOf(metric, 'failureCondition')) continue;
      const provider = asMap(valueOf(metric, 'provider', doc), doc);
      const name = CONDITION_PROVIDERS.find((p) => pairOf(provider, p));
      // Exactly one provider, and one that evaluates conditions.
      if (!name || (provider?.items.length ?? 0) !== 1) continue;
      report(ctx, metric, 'argo', { provider: name });
    }
  },
};

function report(
  ctx: Parameters<Rule['check']>[0],
  metric: YAMLMap,
  messageId: string,
  data: Record<string, string>,
): void {
  const doc = ctx.document.doc;
  const nameNode = valueOf(metric, 'name', doc);
  const name = textValue(nameNode, doc);
  if (!name) return; // a metric without a name is the schema's finding
  ctx.report({ ...refOf(nameNode), messageId, data: { metric: name, ...data } });
}
