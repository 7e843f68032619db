/**
 * canary/invalid-condition: an Argo successCondition / failureCondition that Argo cannot compile.
 * Every measurement of that metric then ends in Error, so the analysis never judges the canary;
 * after consecutiveErrorLimit errors the AnalysisRun errors and the rollout aborts.
 */
import type { Node } from 'yaml';
import { docsUrl, type Rule } from '../../rule';
import { asMap, asScalar, asSeq, valueOf } from '../../../parse/yamlNodes';
import { refInsideScalar } from '../../../plan/planParts';
import { checkCondition, withPlaceholders } from '../../../analysis/expr/condition';

const CONDITION_KEYS = ['successCondition', 'failureCondition'] as const;

export const invalidCondition: Rule = {
  meta: {
    id: 'canary/invalid-condition',
    defaultSeverity: 'error',
    description:
      "An Argo analysis condition that does not compile in Argo's expression language: every measurement errors.",
    docsUrl: docsUrl('canary/invalid-condition'),
    fixable: false,
    appliesTo: ['argo-analysis-template'],
    messages: {
      doesNotParse:
        '{{key}} does not compile: {{problem}}. Argo records every measurement of "{{metric}}" as an Error, and the AnalysisRun errors. Write it like result[0] >= 0.95.',
    },
  },
  check(ctx) {
    const doc = ctx.document.doc;
    const spec = asMap(valueOf(asMap(doc.contents, doc), 'spec', doc), doc);
    for (const item of asSeq(valueOf(spec, 'metrics', doc), doc)?.items ?? []) {
      const metric = asMap(item, doc);
      const name = asScalar(valueOf(metric, 'name', doc), doc)?.value;
      for (const key of CONDITION_KEYS) {
        const node = valueOf(metric, key, doc);
        const scalar = asScalar(node, doc);
        if (!scalar || typeof scalar.value !== 'string') continue;
        const raw = scalar.value;
        const checked = checkCondition(withPlaceholders(raw));
        if (checked.ok) continue;
        // Offsets inside the condition are only exact when no {{args.X}} was replaced before them.
        const ref = raw.includes('{{')
          ? refInsideScalar(node as Node, ctx.file.text, 0, raw.length)
          : refInsideScalar(node as Node, ctx.file.text, checked.offset, checked.length);
        ctx.report({
          ...ref,
          messageId: 'doesNotParse',
          data: { key, problem: checked.message, metric: typeof name === 'string' ? name : 'this metric' },
        });
      }
    }
  },
};
