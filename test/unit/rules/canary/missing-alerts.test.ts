import { runRuleTests } from '../ruleTester';
import { missingAlerts } from '../../../../src/core/lint/rules/canary/missing-alerts';
import { GOOD, argo, flagger, native } from './fixtures';

const NATIVE_ALERTS = '  alerts:\n    - channel: slack:#checkout-deploys\n      on: [breach, rollback]\n';
const ARGO_ANNOTATIONS =
  '  annotations:\n    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: checkout-deploys\n';
const FLAGGER_ALERTS =
  '    alerts:\n    - name: on-call\n      severity: error\n      providerRef:\n        name: on-call-slack\n';

runRuleTests(missingAlerts, {
  valid: [
    ...GOOD,
    {
      name: 'native: a channel written as a bare string',
      code: native(NATIVE_ALERTS, '  alerts: ["pagerduty:checkout"]\n'),
    },
    {
      name: "argo: a subscription without a trigger uses the cluster's default triggers",
      code: argo(ARGO_ANNOTATIONS, '  annotations:\n    notifications.argoproj.io/subscribe.slack: deploys\n'),
    },
    {
      name: 'argo: one failure trigger among quiet ones',
      code: argo(
        ARGO_ANNOTATIONS,
        '  annotations:\n    notifications.argoproj.io/subscribe.on-rollout-completed.slack: deploys\n    notifications.argoproj.io/subscribe.on-analysis-run-error.slack: deploys\n',
      ),
    },
    {
      name: 'argo: a blue-green Rollout told on analysis failure',
      code: argo(ARGO_ANNOTATIONS, ARGO_ANNOTATIONS.replace('on-rollout-aborted', 'on-analysis-run-failed')),
    },
    {
      name: 'argo: the older subscriptions annotation',
      code: argo(
        ARGO_ANNOTATIONS,
        '  annotations:\n    notifications.argoproj.io/subscriptions: |\n      - recipients: [slack:deploys]\n        triggers: [on-rollout-aborted]\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'native: no alerts, the fix adds a placeholder channel to edit',
      code: native(NATIVE_ALERTS, ''),
      errors: [{ text: 'canary', messageId: 'nativeMissing' }],
      output: native(NATIVE_ALERTS, '  alerts:\n    - channel: slack:#CHANGE-ME\n'),
    },
    {
      name: 'native: an empty list is replaced, its comment kept',
      code: native(NATIVE_ALERTS, '  alerts: [] # later\n'),
      errors: [{ text: '[]', messageId: 'nativeEmpty' }],
      output: native(NATIVE_ALERTS, '  alerts: [{channel: slack:#CHANGE-ME}] # later\n'),
    },
    {
      name: 'native: an empty key',
      code: 'canary:\n  alerts:\n  steps: [1, 100]\n',
      errors: [{ text: 'alerts', messageId: 'nativeEmpty' }],
      output: 'canary:\n  alerts:\n    - channel: slack:#CHANGE-ME\n  steps: [1, 100]\n',
    },
    {
      name: 'native: entries without a channel are not overwritten',
      code: 'canary:\n  alerts:\n    - on: [breach]\n',
      errors: [{ text: '- on: [breach]', messageId: 'nativeEmpty' }],
      output: null,
    },
    {
      name: 'argo: no subscription annotation points at canary',
      code: argo(ARGO_ANNOTATIONS, ''),
      errors: [{ text: 'canary', messageId: 'argoMissing' }],
      output: null,
    },
    {
      name: 'argo: other annotations do not count',
      code: argo(ARGO_ANNOTATIONS, '  annotations:\n    team: checkout\n'),
      errors: [{ text: 'canary', messageId: 'argoMissing' }],
    },
    {
      name: 'flagger: no analysis.alerts points at analysis',
      code: flagger(FLAGGER_ALERTS, ''),
      errors: [
        {
          text: 'analysis',
          messageId: 'flaggerMissing',
          message: /This file shows no alerts for this Canary: unless Flagger was installed with a global alert/,
        },
      ],
    },
    {
      // Pattern of argoproj/argo-rollouts examples/notifications/rollout-canary.yaml: a subscription
      // on step completion only tells people about progress, never about an abort.
      name: 'argo: a subscription that never fires on a failure',
      code: argo(
        ARGO_ANNOTATIONS,
        '  annotations:\n    notifications.argoproj.io/subscribe.on-rollout-step-completed.slack: my-channel\n',
      ),
      errors: [
        {
          text: 'notifications.argoproj.io/subscribe.on-rollout-step-completed.slack',
          messageId: 'argoNoFailureTrigger',
          message: /fire only on on-rollout-step-completed, never when the rollout aborts/,
        },
      ],
    },
    {
      name: 'argo: the subscriptions list whose triggers are all quiet',
      code: argo(
        ARGO_ANNOTATIONS,
        '  annotations:\n    notifications.argoproj.io/subscriptions: |\n      - recipients: [slack:deploys]\n        triggers: [on-rollout-completed, on-rollout-updated]\n',
      ),
      errors: [{ text: 'notifications.argoproj.io/subscriptions', messageId: 'argoNoFailureTrigger' }],
    },
    {
      name: 'flagger: an alerts list without a providerRef points at the list',
      code: flagger(FLAGGER_ALERTS, '    alerts: []\n'),
      errors: [{ text: '[]', messageId: 'flaggerMissing' }],
    },
  ],
});
