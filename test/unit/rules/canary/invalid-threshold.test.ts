import { runRuleTests } from '../ruleTester';
import { invalidThreshold } from '../../../../src/core/lint/rules/canary/invalid-threshold';
import { GOOD, flagger, native } from './fixtures';

runRuleTests(invalidThreshold, {
  valid: [
    ...GOOD,
    { name: 'seconds for a latency metric', code: native('"<= baseline * 1.1"', '"< 0.5s"') },
    { name: 'baseline plus an offset', code: native('"<= baseline * 1.1"', '"<= baseline + 50ms"') },
    {
      name: 'a custom metric with its own unit',
      code: native(
        '    - name: p99-latency\n      threshold: "<= baseline * 1.1"\n',
        '    - name: queue\n      query: q{{selector}}\n      unit: count\n      threshold: "< 100"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a percent on a latency metric points at the unit',
      code: native('"<= baseline * 1.1"', '"<= 1%"'),
      errors: [
        {
          text: '%',
          after: 'p99-latency',
          messageId: 'unreadable',
          data: {
            written: '"<= 1%"',
            whose: ' of "p99-latency"',
            problem: 'the unit "%" does not fit a metric measured in ms: use ms or s',
          },
        },
      ],
      output: null,
    },
    {
      name: 'a missing operator points at the start',
      code: native('"<= 1%"', '"1%"'),
      errors: [
        { text: '1%', after: 'error-rate', messageId: 'unreadable', message: /a threshold starts with <, <=, > or >=/ },
      ],
    },
    {
      name: 'garbage after the operator, unquoted',
      code: native('"<= 1%"', '<= lots'),
      errors: [{ text: 'lots', messageId: 'unreadable', message: /expected a number or "baseline" after "<="/ }],
    },
    {
      name: 'a bare number',
      code: native('"<= 1%"', '1'),
      errors: [{ text: '1', after: 'threshold: ', messageId: 'unreadable', message: /"1" has no comparison/ }],
    },
    {
      name: 'flagger: a thresholdRange that is not a number',
      code: flagger('        min: 99\n', '        min: high\n'),
      errors: [
        {
          text: 'high',
          messageId: 'unreadable',
          data: {
            written: '">= high"',
            whose: ' of "request-success-rate"',
            problem: 'thresholdRange.min must be a number',
          },
        },
      ],
    },
  ],
});
