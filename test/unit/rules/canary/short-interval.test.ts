import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleTests } from '../ruleTester';
import { lintText } from '../../../../src/core/lint/engine';
import { parseFile } from '../../../../src/core/parse/parseFile';
import { ProjectIndex } from '../../../../src/core/project/projectIndex';
import { shortInterval } from '../../../../src/core/lint/rules/canary/short-interval';
import { GOOD, flagger, native } from './fixtures';

// A custom metric read over 30s, and the MetricTemplate it names (same namespace: none).
const CUSTOM_30S = flagger(
  '      thresholdRange:\n        max: 500\n      interval: 1m\n',
  '      thresholdRange:\n        max: 500\n      interval: 1m\n    - name: latency\n      templateRef:\n        name: latency\n      thresholdRange:\n        max: 0.5\n      interval: 30s\n',
);
const metricTemplate = (query: string): string =>
  `---\napiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nmetadata:\n  name: latency\nspec:\n  provider:\n    type: prometheus\n    address: http://prometheus:9090\n  query: |\n    ${query}\n`;

runRuleTests(shortInterval, {
  valid: [
    ...GOOD,
    // Reproduces brianlangbecker/flagger-dual-metrics simple-canary.yaml + simple-metrics.yaml
    // (and honeycomb-metric-templates.yaml's fixed [5m]): the template's query never reads
    // {{ interval }}, so the metric's 30s is not the window of data it reads.
    {
      name: 'flagger: a MetricTemplate with its own window ignores the metric interval',
      code: CUSTOM_30S + metricTemplate('histogram_quantile(0.99, sum(rate(latency_bucket[5m])) by (le))'),
    },
    {
      name: 'flagger: a MetricTemplate not linted with the Canary: its window is unknown',
      code: CUSTOM_30S,
    },
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
      name: 'flagger: a MetricTemplate whose query reads {{ interval }} reads 30s',
      code: CUSTOM_30S + metricTemplate('histogram_quantile(0.99, sum(rate(latency_bucket[{{ interval }}])) by (le))'),
      errors: [{ text: '30s', messageId: 'metricWindow', data: { duration: '30s' } }],
    },
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

// Reproduces fluxcd/flagger docs/gitbook/tutorials/linkerd-progressive-delivery.md linted with
// other tutorials: one "latency" template in the Canary's file reads {{ interval }}, another file
// of the project defines a "latency" with its own window. The one beside the Canary is meant.
test('flagger: a MetricTemplate in the file of the Canary decides over same-named ones elsewhere', () => {
  const index = new ProjectIndex();
  const own = CUSTOM_30S + metricTemplate('sum(rate(latency_bucket[{{ interval }}]))');
  index.setParsed('canary.yaml', parseFile(own));
  index.setParsed('other.yaml', parseFile(metricTemplate('sum(rate(latency_bucket[5m]))').slice(4)));
  const found = lintText(own, { rules: [shortInterval], project: { index, file: 'canary.yaml' } }).findings;
  assert.deepEqual(
    found.map((f) => f.messageId),
    ['metricWindow'],
  );
  const alone = CUSTOM_30S;
  index.setParsed('canary.yaml', parseFile(alone));
  assert.deepEqual(lintText(alone, { rules: [shortInterval], project: { index, file: 'canary.yaml' } }).findings, []);
});
