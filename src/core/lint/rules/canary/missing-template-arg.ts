/**
 * canary/missing-template-arg: an AnalysisTemplate arg with neither `value` nor `valueFrom` must
 * be supplied by the analysis that runs it, or Argo cannot create the AnalysisRun ("args.NAME was
 * not resolved": utils/analysis/helpers.go, MergeArgs / ResolveArgs) and the rollout stops.
 */
import { docsUrl, type Rule } from '../../rule';
import { fileLabel, ownReferences } from './projectParts';

export const missingTemplateArg: Rule = {
  meta: {
    id: 'canary/missing-template-arg',
    defaultSeverity: 'error',
    description: 'Every template arg without a value must be supplied by the Rollout or Experiment that runs it.',
    docsUrl: docsUrl('canary/missing-template-arg'),
    fixable: false,
    appliesTo: ['argo-rollout', 'argo-experiment'],
    messages: {
      missing:
        '{{kind}} "{{template}}" ({{where}}) needs arg "{{arg}}", which has no value there and is not supplied here: Argo fails to create the AnalysisRun ("args.{{arg}} was not resolved"). Add it to this analysis\' args: "- name: {{arg}}" with a value or valueFrom.',
    },
  },
  check(ctx) {
    for (const ref of ownReferences(ctx)) {
      if (!ref.suppliedArgs) continue;
      const found = ctx.project.resolve(ref);
      if (found.length === 0) continue; // unresolved-reference's finding
      // Several candidates (same name, namespaces unknown): only an arg all of them need.
      const needed = found[0].item.args.filter(
        (a) =>
          !a.hasValue &&
          !ref.suppliedArgs!.includes(a.name) &&
          found.every((f) => f.item.args.some((b) => b.name === a.name && !b.hasValue)),
      );
      for (const arg of needed) {
        const where = found[0].file === ctx.project.file ? 'in this file' : `in ${fileLabel(found[0].file)}`;
        ctx.report({
          ...ref.ref,
          messageId: 'missing',
          data: { kind: ref.kind, template: ref.name, where, arg: arg.name },
        });
      }
    }
  },
};
