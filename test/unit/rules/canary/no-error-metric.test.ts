import { runRuleTests } from '../ruleTester';
import { noErrorMetric } from '../../../../src/core/lint/rules/canary/no-error-metric';
import { GOOD, flagger, native } from './fixtures';

const NATIVE_ERROR = '    - name: error-rate\n      threshold: "<= 1%"\n';
const FLAGGER_SUCCESS =
  '    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n';

runRuleTests(noErrorMetric, {
  valid: [
    ...GOOD,
    {
      name: 'success-rate counts',
      code: native(NATIVE_ERROR, '    - name: success-rate\n      threshold: ">= 99%"\n'),
    },
    {
      name: 'a custom query over 5xx counts',
      code: native(
        NATIVE_ERROR,
        '    - name: checkout-5xx\n      query: sum(rate(http_requests_total{{selector}}[1m]))\n      unit: "%"\n',
      ),
    },
    {
      name: 'flagger: an error template counts',
      code: flagger(FLAGGER_SUCCESS, '    - name: error-rate\n      templateRef:\n        name: error-rate\n'),
    },
    {
      name: 'no metrics is missing-metrics, not this',
      code: native(
        '  metrics:\n' + NATIVE_ERROR + '    - name: p99-latency\n      threshold: "<= baseline * 1.1"\n',
        '',
      ),
    },
  ],
  invalid: [
    {
      name: 'native: latency only',
      code: native(NATIVE_ERROR, ''),
      errors: [
        {
          text: '- name: p99-latency\n      threshold: "<= baseline * 1.1"',
          message:
            'None of these metrics watches errors: a canary that answers fast with 500s passes every gate. Add error-rate ("<= 1%") or success-rate (">= 99%").',
        },
      ],
      output: null,
    },
    {
      name: 'flagger: duration only',
      code: flagger(FLAGGER_SUCCESS, ''),
      errors: [
        {
          text: '- name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m',
          message: /Add request-success-rate/,
        },
      ],
    },
  ],
});
