/** canary/steps-incomplete: a native plan whose last step is below 100 never finishes the release. */
import { docsUrl, type Rule } from '../../rule';
import type { Fix } from '../../finding';
import { asSeq, nodeAt } from '../../../parse/yamlNodes';
import { appendSeqItem } from '../../fixes/yamlEdits';

export const stepsIncomplete: Rule = {
  meta: {
    id: 'canary/steps-incomplete',
    defaultSeverity: 'warning',
    description: 'The last native step should be 100, or the rollout never completes.',
    docsUrl: docsUrl('canary/steps-incomplete'),
    fixable: false,
    appliesTo: ['canary'],
    messages: {
      stopsShort:
        'The last step is {{weight}}%: the rollout stops there and never reaches all users, leaving two versions in production. End the steps with 100.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.format !== 'native') return;
    const last = plan.steps[plan.steps.length - 1];
    // Out-of-range and non-numeric steps are canary/steps-order's findings.
    if (!last || last.weight === null || !(last.weight > 0) || last.weight >= 100) return;
    // A suggestion, not a fix: finishing the rollout is a decision (some hold a share on purpose).
    const seq = asSeq(nodeAt(ctx.document.doc.contents, ['canary', 'steps']));
    const suggestions: Fix[] = seq
      ? [{ title: 'End the steps with 100', edits: [appendSeqItem(ctx.file.text, seq, 100)] }]
      : [];
    ctx.report({
      ...last.ref,
      messageId: 'stopsShort',
      data: { weight: last.weight },
      ...(suggestions.length ? { suggestions } : {}),
    });
  },
};
