/** canary/missing-rollback: a breached gate must send traffic back to the stable version by itself. */
import { docsUrl, type Rule } from '../../rule';
import { setNativeCanaryKey } from './native-canary-fix';

export const missingRollback: Rule = {
  meta: {
    id: 'canary/missing-rollback',
    defaultSeverity: 'error',
    description: 'Something must roll a failing canary back automatically, without waiting for a human.',
    docsUrl: docsUrl('canary/missing-rollback'),
    fixable: true,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.rollback.automated) return;
    if (plan.format === 'native') {
      const fix = setNativeCanaryKey(ctx, 'Set on_failure: rollback', 'on_failure', 'rollback');
      const value = plan.rollback.value;
      if (plan.rollback.ref && value !== undefined && value !== '') {
        ctx.report({
          ...plan.rollback.ref,
          message: `"on_failure: ${value}" leaves a failing canary serving users until someone acts. Use "on_failure: rollback" so a breached gate sends traffic back to the stable version.`,
          ...(fix ? { fix } : {}),
        });
      } else {
        ctx.report({
          ...(plan.rollback.ref ?? plan.anchor),
          message: 'Nothing rolls this canary back automatically. Add "on_failure: rollback" so a breached gate sends traffic back to the stable version.',
          ...(fix ? { fix } : {}),
        });
      }
      return;
    }
    if (plan.format === 'argo') {
      ctx.report({
        ...plan.anchor,
        message: 'This canary has no analysis, so nothing aborts a bad version. Add a background "analysis" (or an "analysis" step) that references an AnalysisTemplate: a failed run sets the canary weight back to zero.',
      });
      return;
    }
    ctx.report({
      ...plan.anchor,
      message: 'This Canary has no analysis metrics or webhooks, so Flagger promotes whatever it gets. Add "analysis.metrics" (e.g. request-success-rate and request-duration): failed checks past "threshold" roll it back.',
    });
  },
};
