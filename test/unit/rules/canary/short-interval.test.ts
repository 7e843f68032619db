import { runRuleTests } from '../ruleTester';
import { shortInterval } from '../../../../src/core/lint/rules/canary/short-interval';
import { GOOD, flagger, native } from './fixtures';

runRuleTests(shortInterval, {
  valid: [
    ...GOOD,
    { name: 'exactly a minute', code: native('5m', '60s') },
    { name: "an unreadable interval is missing-interval's", code: native('5m', '5') },
    // Pattern of fluxcd/flagger test/e2e-skipper-canary.yaml: checks every 15s over 1m of data.
    {
      name: 'flagger: analysis.interval is the schedule, not the data window',
      code: flagger('    interval: 1m\n    threshold', '    interval: 15s\n    threshold'),
    },
    {
      name: "flagger: a metric without its own interval reads Flagger's default minute",
      code: flagger(
        '      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '      thresholdRange:\n        max: 500\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'native: 30s',
      code: native('5m', '30s'),
      errors: [
        {
          text: '30s',
          messageId: 'interval',
          message:
            'An interval of 30s judges each step on too little data: a few lucky requests can promote a bad version. Use 1m or more.',
        },
      ],
      output: null,
    },
    {
      // Pattern of fluxcd/flagger test/e2e (istio, kubernetes): a 10s window read every 10s.
      name: 'flagger: a metric window of 30s, with the suggestion to read a minute',
      code: flagger(
        '      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '      thresholdRange:\n        max: 500\n      interval: 30s\n',
      ),
      errors: [{ text: '30s', messageId: 'metricWindow' }],
      output: null,
      suggestions: [
        [
          {
            title: 'Read 1m of data per check',
            output: flagger(
              '      thresholdRange:\n        max: 500\n      interval: 1m\n',
              '      thresholdRange:\n        max: 500\n      interval: 1m\n',
            ),
          },
        ],
      ],
    },
  ],
});
