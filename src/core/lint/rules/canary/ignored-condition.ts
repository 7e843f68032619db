/**
 * canary/ignored-condition: Argo's `job` and `kayenta` providers judge a measurement by
 * themselves (the Job's Complete or Failed condition, metricproviders/job/job.go; the Kayenta
 * score against `threshold.pass` / `marginal`, metricproviders/kayenta/kayenta.go) and never
 * evaluate `successCondition` or `failureCondition`. A condition written there reads like a gate
 * and gates nothing: a k6 Job that exits 0 passes whatever latency "result < 500" meant to check.
 */
import { docsUrl, type Rule } from '../../rule';
import { asMap, asSeq, pairOf, valueOf } from '../../../parse/yamlNodes';
import { pairKeyRef, textValue } from '../../../plan/planParts';

const JUDGED_BY: Record<string, string> = {
  job: "the Job's outcome (its exit code)",
  kayenta: 'the Kayenta score against "threshold.pass" and "threshold.marginal"',
};

export const ignoredCondition: Rule = {
  meta: {
    id: 'canary/ignored-condition',
    defaultSeverity: 'warning',
    description: 'A successCondition / failureCondition on a job or kayenta metric is never evaluated.',
    docsUrl: docsUrl('canary/ignored-condition'),
    fixable: false,
    appliesTo: ['argo-analysis-template'],
    messages: {
      ignored:
        '"{{key}}" is never read on a {{provider}} metric: Argo judges "{{metric}}" only by {{judgedBy}}, so this condition gates nothing. Make the check itself fail (e.g. exit non-zero from the Job) and remove the condition.',
    },
  },
  check(ctx) {
    const doc = ctx.document.doc;
    const spec = asMap(valueOf(asMap(doc.contents, doc), 'spec', doc), doc);
    for (const item of asSeq(valueOf(spec, 'metrics', doc), doc)?.items ?? []) {
      const metric = asMap(item, doc);
      const provider = asMap(valueOf(metric, 'provider', doc), doc);
      // Exactly one provider: with several the schema already reports the metric.
      if (!metric || (provider?.items.length ?? 0) !== 1) continue;
      const name = Object.keys(JUDGED_BY).find((p) => pairOf(provider, p));
      if (!name) continue;
      const metricName = textValue(valueOf(metric, 'name', doc), doc) ?? 'this metric';
      for (const key of ['successCondition', 'failureCondition']) {
        const pair = pairOf(metric, key);
        if (!pair) continue;
        ctx.report({
          ...pairKeyRef(pair, { offset: ctx.document.offset, length: 0 }),
          messageId: 'ignored',
          data: { key, provider: name, metric: metricName, judgedBy: JUDGED_BY[name] },
        });
      }
    }
  },
};
