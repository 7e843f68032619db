/**
 * canary/unresolved-reference: a template, metric template or alert provider named but defined in
 * none of the files linted together. It may live only in the cluster, so this is a warning that
 * says so; when it does not, Argo cannot create the AnalysisRun and Flagger halts the canary with
 * "metric template ... error" / "alert provider ... error" (pkg/controller/scheduler_metrics.go,
 * events.go).
 */
import { docsUrl, type Rule, type RuleContext } from '../../rule';
import type { Fix } from '../../finding';
import { closest } from '../../../schema/didYouMean';
import type { TemplateKind, TemplateReference } from '../../../project/templateModel';
import { ownReferences } from './projectParts';

const MESSAGE_ID: Record<TemplateKind, string> = {
  AnalysisTemplate: 'analysisTemplate',
  ClusterAnalysisTemplate: 'clusterAnalysisTemplate',
  MetricTemplate: 'metricTemplate',
  AlertProvider: 'alertProvider',
};

export const unresolvedReference: Rule = {
  meta: {
    id: 'canary/unresolved-reference',
    defaultSeverity: 'warning',
    description:
      'A referenced template or alert provider should be among the files linted together (it may live only in the cluster).',
    docsUrl: docsUrl('canary/unresolved-reference'),
    fixable: false,
    appliesTo: ['argo-rollout', 'argo-experiment', 'flagger-canary'],
    messages: {
      analysisTemplate:
        'No AnalysisTemplate "{{name}}"{{where}} is among the files linted together. It may live only in the cluster; if it does not, Argo cannot start this analysis. {{hint}}',
      clusterAnalysisTemplate:
        'No ClusterAnalysisTemplate "{{name}}" is among the files linted together. It may live only in the cluster; if it does not, Argo cannot start this analysis. {{hint}}',
      metricTemplate:
        'No MetricTemplate "{{name}}"{{where}} is among the files linted together. It may live only in the cluster; if it does not, Flagger halts this canary on every check. {{hint}}',
      alertProvider:
        'No AlertProvider "{{name}}"{{where}} is among the files linted together. It may live only in the cluster; if it does not, this alert reaches nobody. {{hint}}',
    },
  },
  check(ctx) {
    for (const ref of ownReferences(ctx)) {
      if (ctx.project.resolve(ref).length > 0) continue;
      const { hint, suggestions } = hintFor(ctx, ref);
      ctx.report({
        ...ref.ref,
        messageId: MESSAGE_ID[ref.kind],
        data: { name: ref.name, where: ref.namespace ? ` in namespace ${ref.namespace}` : '', hint },
        ...(suggestions.length ? { suggestions } : {}),
      });
    }
  },
};

/** The nearest thing that does exist: the other scope, another namespace, a close name. */
function hintFor(ctx: RuleContext, ref: TemplateReference): { hint: string; suggestions: Fix[] } {
  const none = { hint: 'Lint its file together with this one, or check the name.', suggestions: [] };
  if (ref.kind === 'AnalysisTemplate' || ref.kind === 'ClusterAnalysisTemplate') {
    const other = ref.kind === 'AnalysisTemplate' ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    if (ctx.project.resolve({ kind: other, name: ref.name }).length > 0) {
      return {
        hint: `A ${other} of that name is: ${other === 'ClusterAnalysisTemplate' ? 'add "clusterScope: true" to this entry' : 'drop "clusterScope: true" from this entry'}.`,
        suggestions: [],
      };
    }
  }
  const elsewhere = ref.namespace ? ctx.project.resolve({ kind: ref.kind, name: ref.name }) : [];
  if (elsewhere.length > 0)
    return {
      hint: `One is defined in namespace ${elsewhere[0].item.namespace}: check the namespace.`,
      suggestions: [],
    };
  const names = [...new Set(ctx.project.definitionsOf(ref.kind).map((d) => d.item.name))];
  const guess = closest(ref.name, names);
  if (!guess || guess === ref.name) return none;
  return {
    hint: `Did you mean "${guess}"?`,
    suggestions: [{ title: `Change to ${guess}`, edits: [{ ...ref.ref, newText: guess }] }],
  };
}
