import { runRuleTests } from '../ruleTester';
import { missingAlerts } from '../../../../src/core/lint/rules/canary/missing-alerts';
import { GOOD, argo, flagger, native } from './fixtures';

const NATIVE_ALERTS = '  alerts:\n    - channel: slack:#checkout-deploys\n      on: [breach, rollback]\n';
const ARGO_ANNOTATIONS = '  annotations:\n    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: checkout-deploys\n';
const FLAGGER_ALERTS = '    alerts:\n    - name: on-call\n      severity: error\n      providerRef:\n        name: on-call-slack\n';

runRuleTests(missingAlerts, {
  valid: [
    ...GOOD,
    { name: 'native: a channel written as a bare string', code: native(NATIVE_ALERTS, '  alerts: ["pagerduty:checkout"]\n') },
    { name: 'argo: the older subscriptions annotation', code: argo(ARGO_ANNOTATIONS, '  annotations:\n    notifications.argoproj.io/subscriptions: |\n      - recipients: [slack:deploys]\n        triggers: [on-rollout-aborted]\n') },
  ],
  invalid: [
    {
      name: 'native: no alerts, the fix adds a placeholder channel to edit',
      code: native(NATIVE_ALERTS, ''),
      errors: [{ text: 'canary', message: /Nobody hears of a breach or a rollback of this canary\. Add "alerts"/ }],
      output: native(NATIVE_ALERTS, '  alerts:\n    - channel: slack:#CHANGE-ME\n'),
    },
    {
      name: 'native: an empty list is replaced, its comment kept',
      code: native(NATIVE_ALERTS, '  alerts: [] # later\n'),
      errors: [{ text: '[]', message: /The "alerts" list is empty/ }],
      output: native(NATIVE_ALERTS, '  alerts: [{channel: slack:#CHANGE-ME}] # later\n'),
    },
    {
      name: 'native: an empty key',
      code: 'canary:\n  alerts:\n  steps: [1, 100]\n',
      errors: [{ text: 'alerts' }],
      output: 'canary:\n  alerts:\n    - channel: slack:#CHANGE-ME\n  steps: [1, 100]\n',
    },
    {
      name: 'native: entries without a channel are not overwritten',
      code: 'canary:\n  alerts:\n    - on: [breach]\n',
      errors: [{ text: '- on: [breach]' }],
      output: null,
    },
    {
      name: 'argo: no subscription annotation points at canary',
      code: argo(ARGO_ANNOTATIONS, ''),
      errors: [{ text: 'canary', message: /Nobody is told when this rollout aborts\. Add a "notifications\.argoproj\.io\/subscribe/ }],
      output: null,
    },
    {
      name: 'argo: other annotations do not count',
      code: argo(ARGO_ANNOTATIONS, '  annotations:\n    team: checkout\n'),
      errors: [{ text: 'canary' }],
    },
    {
      name: 'flagger: no analysis.alerts points at analysis',
      code: flagger(FLAGGER_ALERTS, ''),
      errors: [{ text: 'analysis', message: /Add "analysis.alerts" with a providerRef/ }],
    },
  ],
});
