import { runRuleTests } from '../ruleTester';
import { missingMetrics } from '../../../../src/core/lint/rules/canary/missing-metrics';
import { GOOD, GOOD_ARGO, flagger, native } from './fixtures';

const NATIVE_METRICS =
  '  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n    - name: p99-latency\n      threshold: "<= baseline * 1.1"\n';
const FLAGGER_METRICS =
  '    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n';

const K6_HOOK =
  '    webhooks:\n    - name: k6-load-test\n      type: pre-rollout\n      timeout: 5m\n      url: http://k6-loadtester.flagger:8000/launch-test\n      metadata:\n        script: |\n          export const options = { thresholds: { http_req_duration: ["p(95)<50"] } };\n';

runRuleTests(missingMetrics, {
  valid: [
    ...GOOD,
    { name: 'argo metrics live in AnalysisTemplates, not in the Rollout', code: GOOD_ARGO },
    {
      name: 'a custom metric counts',
      code: native(
        NATIVE_METRICS,
        '  metrics:\n    - name: queue-depth\n      query: q{{selector}}\n      unit: count\n      threshold: "< 10"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'native: no metrics key points at canary',
      code: native(NATIVE_METRICS, ''),
      errors: [{ text: 'canary', messageId: 'native' }],
      output: null,
    },
    {
      name: 'native: an empty list points at the list',
      code: native(NATIVE_METRICS, '  metrics: []\n'),
      errors: [{ text: '[]', messageId: 'native' }],
    },
    {
      name: 'native: a key with nothing under it points at the key',
      code: native(NATIVE_METRICS, '  metrics:\n'),
      errors: [{ text: 'metrics', messageId: 'native' }],
    },
    {
      name: 'flagger: no analysis.metrics points at analysis',
      code: flagger(FLAGGER_METRICS, ''),
      errors: [{ text: 'analysis', messageId: 'flagger' }],
    },
    {
      // Reproduces grafana/flagger-k6-webhook example/canary.yml: the only check is a k6 test run
      // by a pre-rollout hook. Not blind, so the finding names the hook instead of saying so.
      name: 'flagger: only a pre-rollout load-test hook',
      code: flagger(FLAGGER_METRICS, K6_HOOK),
      errors: [{ text: 'analysis', messageId: 'flaggerWebhooksOnly', data: { names: '"k6-load-test"' } }],
    },
    {
      name: 'flagger: a hook without a type is a rollout hook and gates too',
      code: flagger(FLAGGER_METRICS, '    webhooks:\n    - name: acceptance\n      url: http://tester/\n'),
      errors: [{ text: 'analysis', messageId: 'flaggerWebhooksOnly', data: { names: '"acceptance"' } }],
    },
    {
      name: 'flagger: hooks that cannot fail the Canary (post-rollout, event) leave it blind',
      code: flagger(
        FLAGGER_METRICS,
        '    webhooks:\n    - name: notify\n      type: post-rollout\n      url: http://n/\n    - name: audit\n      type: event\n      url: http://a/\n',
      ),
      errors: [{ text: 'analysis', messageId: 'flagger' }],
    },
  ],
});
