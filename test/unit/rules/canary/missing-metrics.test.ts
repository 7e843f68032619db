import { runRuleTests } from '../ruleTester';
import { missingMetrics } from '../../../../src/core/lint/rules/canary/missing-metrics';
import { GOOD, GOOD_ARGO, flagger, native } from './fixtures';

const NATIVE_METRICS =
  '  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n    - name: p99-latency\n      threshold: "<= baseline * 1.1"\n';
const FLAGGER_METRICS =
  '    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n';

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
      errors: [{ text: 'canary', message: /This canary has no metrics, so no gate can fail/ }],
      output: null,
    },
    {
      name: 'native: an empty list points at the list',
      code: native(NATIVE_METRICS, '  metrics: []\n'),
      errors: [{ text: '[]', message: /Add "metrics" such as error-rate/ }],
    },
    {
      name: 'native: a key with nothing under it points at the key',
      code: native(NATIVE_METRICS, '  metrics:\n'),
      errors: [{ text: 'metrics' }],
    },
    {
      name: 'flagger: no analysis.metrics points at analysis',
      code: flagger(FLAGGER_METRICS, ''),
      errors: [{ text: 'analysis', message: /no "analysis.metrics"/ }],
    },
  ],
});
