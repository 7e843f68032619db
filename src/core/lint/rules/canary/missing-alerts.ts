/** canary/missing-alerts: a rollback nobody hears about is a problem found twice. */
import { docsUrl, type Rule, type RuleContext } from '../../rule';
import { asScalar, asSeq, nodeAt } from '../../../parse/yamlNodes';
import { setNativeCanaryKey } from './native-canary-fix';

/** What the fix writes: a channel that must be edited, so nobody mistakes it for a real one. */
export const PLACEHOLDER_CHANNEL = 'slack:#CHANGE-ME';

export const missingAlerts: Rule = {
  meta: {
    id: 'canary/missing-alerts',
    defaultSeverity: 'warning',
    description: 'Someone must hear about a breach or a rollback.',
    docsUrl: docsUrl('canary/missing-alerts'),
    fixable: true,
    appliesTo: ['canary', 'argo-rollout', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.alerts.length > 0) return;
    if (plan.format === 'native') {
      const fix = alertsListIsEmpty(ctx) && setNativeCanaryKey(ctx, `Add an alerts channel (${PLACEHOLDER_CHANNEL}: edit it)`, 'alerts', [{ channel: PLACEHOLDER_CHANNEL }]);
      ctx.report({
        ...(plan.alertsRef ?? plan.anchor),
        message: plan.alertsRef
          ? 'The "alerts" list is empty, so nobody hears of a breach or a rollback. Add a channel such as "slack:#deploys" or "pagerduty:oncall".'
          : 'Nobody hears of a breach or a rollback of this canary. Add "alerts" with a channel such as "slack:#deploys" or "pagerduty:oncall".',
        ...(fix ? { fix } : {}),
      });
      return;
    }
    if (plan.format === 'argo') {
      ctx.report({
        ...plan.anchor,
        message: 'Nobody is told when this rollout aborts. Add a "notifications.argoproj.io/subscribe.on-rollout-aborted.slack: CHANNEL" annotation to the Rollout\'s metadata.',
      });
      return;
    }
    ctx.report({
      ...(plan.alertsRef ?? plan.anchor),
      message: 'Nobody is told when Flagger rolls this Canary back. Add "analysis.alerts" with a providerRef to an AlertProvider (Slack, Teams, PagerDuty...).',
    });
  },
};

/** Only a missing, null or `[]` list is rewritten: entries the plan could not read stay the user's. */
function alertsListIsEmpty(ctx: RuleContext): boolean {
  const doc = ctx.document.doc;
  const node = nodeAt(doc.contents, ['canary', 'alerts'], doc);
  if (!node) return true;
  const seq = asSeq(node, doc);
  if (seq) return seq.items.length === 0;
  return asScalar(node, doc)?.value === null;
}
