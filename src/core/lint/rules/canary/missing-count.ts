/**
 * canary/missing-count: a metric with an `interval` and no `count` measures forever (Metric.
 * EffectiveCount). In a background analysis that is the point; in an analysis the rollout waits
 * for (an `analysis` step, blue-green pre/post-promotion) the run never completes successfully,
 * so the rollout stays at that step until a measurement fails. Reported on the template, where
 * the `count` goes, when a file linted with it runs it that way.
 */
import { docsUrl, type Rule } from '../../rule';
import { fileLabel, ownDefinitions } from './projectParts';
import type { AnalysisContext } from '../../../project/templateModel';

const WAITED_FOR: Partial<Record<AnalysisContext, string>> = {
  step: 'an analysis step',
  prePromotion: 'a pre-promotion analysis',
  postPromotion: 'a post-promotion analysis',
};

export const missingCount: Rule = {
  meta: {
    id: 'canary/missing-count',
    defaultSeverity: 'warning',
    description: 'A metric in an analysis the rollout waits for needs a count, or its run never ends.',
    docsUrl: docsUrl('canary/missing-count'),
    fixable: false,
    appliesTo: ['argo-analysis-template'],
    messages: {
      endless:
        'Metric "{{metric}}" measures every {{interval}} with no "count", so it runs until it fails, and {{use}} ({{referrer}}) waits for it: the rollout never moves past that step on success. Add "count" (e.g. count: 5).',
    },
  },
  check(ctx) {
    for (const def of ownDefinitions(ctx)) {
      // Only a referrer that resolves to this template alone: with several of one name (unrelated
      // files, docs snippets) which one it runs cannot be told.
      const waiting = ctx.project
        .referencesTo(def)
        .find((r) => r.item.context && WAITED_FOR[r.item.context] && ctx.project.resolve(r.item).length === 1);
      if (!waiting) continue;
      for (const metric of def.metrics) {
        if (metric.count || !metric.interval || metric.interval.ms === null) continue;
        // A consecutiveSuccessLimit ends the run by its successes: waiting for a condition.
        if (metric.consecutiveSuccessLimit && metric.consecutiveSuccessLimit.value !== 0) continue;
        const referrer = waiting.file === ctx.project.file ? 'in this file' : `in ${fileLabel(waiting.file)}`;
        ctx.report({
          ...metric.interval.ref,
          messageId: 'endless',
          data: {
            metric: metric.name,
            interval: metric.interval.text,
            use: WAITED_FOR[waiting.item.context!]!,
            referrer,
          },
        });
      }
    }
  },
};
