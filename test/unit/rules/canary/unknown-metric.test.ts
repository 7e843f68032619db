import { runRuleTests } from '../ruleTester';
import { unknownMetric } from '../../../../src/core/lint/rules/canary/unknown-metric';
import { GOOD, flagger, native } from './fixtures';

runRuleTests(unknownMetric, {
  valid: [
    ...GOOD,
    {
      name: 'native: a custom metric with a query',
      code: native(
        '    - name: p99-latency\n',
        '    - name: queue-depth\n      query: q{{selector}}\n      unit: count\n',
      ),
    },
    {
      name: 'flagger: a templateRef',
      code: flagger(
        '    - name: request-duration\n',
        '    - name: error-ratio\n      templateRef:\n        name: error-ratio\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'native: a typo, with a rename suggestion',
      code: native('    - name: error-rate\n', '    - name: error_rate\n'),
      errors: [
        {
          text: 'error_rate',
          message:
            '"error_rate" is not a metric Release Safety knows, so nothing measures it. Did you mean "error-rate"? Use one of error-rate, success-rate, p50-latency, p90-latency, p95-latency, p99-latency, throughput, or give it a "query" (PromQL) and a "unit".',
        },
      ],
      output: null,
      suggestions: [
        [{ title: 'Rename to error-rate', output: native('    - name: error-rate\n', '    - name: error-rate\n') }],
      ],
    },
    {
      name: 'native: nothing close, no suggestion',
      code: native('    - name: p99-latency\n', '    - name: cpu\n'),
      errors: [
        { text: 'cpu', message: /^"cpu" is not a metric Release Safety knows, so nothing measures it\. Use one of/ },
      ],
      suggestions: [[]],
    },
    {
      name: 'flagger: not a built-in and no templateRef',
      code: flagger('    - name: request-duration\n', '    - name: request-durations\n'),
      errors: [
        {
          text: 'request-durations',
          message:
            /"request-durations" is not a metric Release Safety or Flagger knows.*Did you mean "request-duration"\?.*templateRef/,
        },
      ],
    },
  ],
});
