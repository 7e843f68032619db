/**
 * canary/missing-rollback: a breached gate must send traffic back to the stable version by
 * itself. Argo aborts a rollout only from an AnalysisRun, and runs one only from an analysis with
 * `templates`; Flagger with `skipAnalysis: true` promotes without running a single check.
 */
import { docsUrl, type Rule } from '../../rule';
import { setNativeCanaryKey } from './native-canary-fix';
import { asMap, nodeAt } from '../../../parse/yamlNodes';
import { setMapValue } from '../../fixes/yamlEdits';

export const missingRollback: Rule = {
  meta: {
    id: 'canary/missing-rollback',
    defaultSeverity: 'error',
    description: 'Something must roll a failing canary back automatically, without waiting for a human.',
    docsUrl: docsUrl('canary/missing-rollback'),
    fixable: true,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
    messages: {
      nativeValue:
        '"on_failure: {{value}}" leaves a failing canary serving users until someone acts. Use "on_failure: rollback" so a breached gate sends traffic back to the stable version.',
      nativeMissing:
        'Nothing rolls this canary back automatically. Add "on_failure: rollback" so a breached gate sends traffic back to the stable version.',
      argoNoAnalysis:
        'This canary has no analysis, so nothing aborts a bad version. Add a background "analysis" (or an "analysis" step) that references an AnalysisTemplate: a failed run sets the canary weight back to zero.',
      argoNoTemplates:
        'This analysis names no template, so Argo runs nothing and nothing aborts a bad version. List at least one "templates: - templateName: ..." entry.',
      argoObsoleteTemplateName:
        'This analysis uses the old "templateName" form, which current Argo Rollouts does not read: it runs nothing and nothing aborts a bad version. Write "templates: - templateName: {{name}}" instead.',
      argoBlueGreen:
        'Nothing checks the new version before or after it takes all traffic, and it is promoted on its own. Add a "prePromotionAnalysis" (or "postPromotionAnalysis") with a template, or set "autoPromotionEnabled: false" so a human promotes it.',
      flaggerNoChecks:
        'This Canary has no analysis metrics and no webhook that can fail it (a "rollout" or "pre-rollout" hook), so Flagger promotes whatever it gets. Add "analysis.metrics" (e.g. request-success-rate and request-duration): failed checks past "threshold" roll it back.',
      flaggerSkipAnalysis:
        '"skipAnalysis: true" makes Flagger promote every new version without running its metrics or webhooks, so nothing rolls a bad one back. Remove it (or set it to false) once the emergency is over.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.rollback.automated) return;
    if (plan.format === 'native') {
      const fix = setNativeCanaryKey(ctx, 'Set on_failure: rollback', 'on_failure', 'rollback');
      const value = plan.rollback.value;
      if (plan.rollback.ref && value !== undefined && value !== '') {
        ctx.report({ ...plan.rollback.ref, messageId: 'nativeValue', data: { value }, ...(fix ? { fix } : {}) });
      } else {
        ctx.report({ ...(plan.rollback.ref ?? plan.anchor), messageId: 'nativeMissing', ...(fix ? { fix } : {}) });
      }
      return;
    }
    if (plan.format === 'argo') {
      if (plan.strategy === 'blueGreen') {
        if (plan.manualPromotion) return;
        // A human gate is a choice the team makes, never an automatic fix.
        const doc = ctx.document.doc;
        const blueGreen = asMap(nodeAt(doc.contents, ['spec', 'strategy', 'blueGreen']));
        const edit = blueGreen && setMapValue(ctx.file.text, blueGreen, 'autoPromotionEnabled', false);
        ctx.report({
          ...plan.anchor,
          messageId: 'argoBlueGreen',
          ...(edit
            ? { suggestions: [{ title: 'Set autoPromotionEnabled: false (a human promotes)', edits: [edit] }] }
            : {}),
        });
        return;
      }
      const empty = plan.analyses?.find((a) => a.templates.length === 0 && a.kind !== 'promotion');
      if (empty?.obsoleteTemplateName) {
        ctx.report({ ...empty.ref, messageId: 'argoObsoleteTemplateName', data: { name: empty.obsoleteTemplateName } });
        return;
      }
      ctx.report(
        empty ? { ...empty.ref, messageId: 'argoNoTemplates' } : { ...plan.anchor, messageId: 'argoNoAnalysis' },
      );
      return;
    }
    if (plan.skipAnalysis) {
      const edit = { ...plan.skipAnalysis, newText: 'false' };
      ctx.report({
        ...plan.skipAnalysis,
        messageId: 'flaggerSkipAnalysis',
        suggestions: [{ title: 'Set skipAnalysis: false', edits: [edit] }],
      });
      return;
    }
    ctx.report({ ...plan.anchor, messageId: 'flaggerNoChecks' });
  },
};
