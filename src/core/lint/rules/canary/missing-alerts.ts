/**
 * canary/missing-alerts: a rollback nobody hears about is a problem found twice. Argo tells
 * someone only through a subscription whose trigger fires on an abort or a failed analysis;
 * Flagger may also alert every Canary from flags set at install (`--slack-url`), which no
 * Canary file shows, so its message says what this file shows rather than what the cluster does.
 */
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
    messages: {
      nativeEmpty:
        'The "alerts" list is empty, so nobody hears of a breach or a rollback. Add a channel such as "slack:#deploys" or "pagerduty:oncall".',
      nativeMissing:
        'Nobody hears of a breach or a rollback of this canary. Add "alerts" with a channel such as "slack:#deploys" or "pagerduty:oncall".',
      argoMissing:
        'Nobody is told when this rollout aborts. Add a "notifications.argoproj.io/subscribe.on-rollout-aborted.slack: CHANNEL" annotation to the Rollout\'s metadata.',
      argoNoFailureTrigger:
        'These subscriptions fire only on {{triggers}}, never when the rollout aborts or its analysis fails. Subscribe to on-rollout-aborted (or on-analysis-run-failed) too.',
      flaggerMissing:
        'This file shows no alerts for this Canary: unless Flagger was installed with a global alert (e.g. --slack-url), nobody is told when it rolls back. Add "analysis.alerts" with a providerRef to an AlertProvider.',
    },
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.alerts.some((a) => a.firesOnFailure !== false)) return;
    if (plan.format === 'native') {
      const fix =
        alertsListIsEmpty(ctx) &&
        setNativeCanaryKey(ctx, `Add an alerts channel (${PLACEHOLDER_CHANNEL}: edit it)`, 'alerts', [
          { channel: PLACEHOLDER_CHANNEL },
        ]);
      ctx.report({
        ...(plan.alertsRef ?? plan.anchor),
        messageId: plan.alertsRef ? 'nativeEmpty' : 'nativeMissing',
        ...(fix ? { fix } : {}),
      });
      return;
    }
    if (plan.format === 'argo') {
      if (plan.alerts.length === 0) {
        ctx.report({ ...plan.anchor, messageId: 'argoMissing' });
        return;
      }
      const triggers = [...new Set(plan.alerts.flatMap((a) => a.on ?? []))].join(', ');
      ctx.report({ ...plan.alerts[0].ref, messageId: 'argoNoFailureTrigger', data: { triggers } });
      return;
    }
    ctx.report({ ...(plan.alertsRef ?? plan.anchor), messageId: 'flaggerMissing' });
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
