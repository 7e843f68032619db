/** Completion on the JSON Schemas the extension ships (src/core/schema), as the editor runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt } from '../../../src/core/completion/completeAt';
import { nativeSchemas } from '../../../src/core/completion/nativeSchemas';

function labels(marked: string): string[] {
  const offset = marked.indexOf('|');
  return completeAt(marked.slice(0, offset) + marked.slice(offset + 1), offset, nativeSchemas()).map((i) => i.label);
}

test('shipped schemas: every documented key under canary', () => {
  const l = labels('canary:\n  |\n');
  for (const k of [
    'service',
    'steps',
    'interval',
    'metrics',
    'on_failure',
    'failure_limit',
    'min_requests',
    'alerts',
    'source',
  ])
    assert.ok(l.includes(k), `${k} in ${JSON.stringify(l)}`);
});

test('shipped schemas: on_failure values, alert events, metric keys', () => {
  assert.deepEqual(labels('canary:\n  on_failure: |\n').sort(), ['alert', 'pause', 'rollback']);
  const events = labels('canary:\n  alerts:\n    - channel: slack:#x\n      on: [|\n');
  assert.ok(events.includes('breach') && events.includes('rollback'), JSON.stringify(events));
  const metricKeys = labels('canary:\n  metrics:\n    - name: queue\n      |\n');
  for (const k of ['threshold', 'query', 'unit'])
    assert.ok(metricKeys.includes(k), `${k} in ${JSON.stringify(metricKeys)}`);
  assert.ok(!metricKeys.includes('name'), 'name is written already');
});

test('shipped schemas: synthetic keys, journey keys and step kinds', () => {
  const top = labels('synthetic:\n  |\n');
  for (const k of ['base_url', 'frequency', 'locations', 'alerts', 'journeys'])
    assert.ok(top.includes(k), `${k} in ${JSON.stringify(top)}`);
  const journey = labels('synthetic:\n  journeys:\n    - name: j\n      |\n');
  for (const k of ['steps', 'base_url', 'frequency', 'locations', 'alerts'])
    assert.ok(journey.includes(k), `${k} in ${JSON.stringify(journey)}`);
  const step = labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - |\n');
  for (const k of [
    'request',
    'goto',
    'click',
    'fill',
    'press',
    'select',
    'wait_for',
    'expect_visible',
    'expect_text',
    'expect_url',
    'expect_load_time',
    'screenshot',
  ])
    assert.ok(step.includes(k), `${k} in ${JSON.stringify(step)}`);
  const request = labels(
    'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /x\n          |\n',
  );
  for (const k of ['expect', 'side_effects', 'headers', 'body', 'capture'])
    assert.ok(request.includes(k), `${k} in ${JSON.stringify(request)}`);
  assert.ok(!request.includes('goto'), 'a request step is not also a goto step');
  assert.ok(
    labels(
      'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /x\n          side_effects: |\n',
    ).includes('sandbox'),
  );
  assert.ok(
    labels(
      'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /x\n          side_effects: |\n',
    ).includes('harmless'),
  );
  assert.ok(
    labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - click: "#buy"\n          |\n').includes(
      'side_effects',
    ),
    'a browser step may declare side effects',
  );
});

const ROLLOUT = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n';

test('shipped schemas: Argo Rollout strategy keys, step kinds (one of the exclusive four per step), analysis', () => {
  const canary = labels(`${ROLLOUT}      |\n`);
  for (const k of ['steps', 'analysis', 'trafficRouting', 'canaryService', 'stableService', 'maxSurge'])
    assert.ok(canary.includes(k), `${k} in ${JSON.stringify(canary)}`);
  assert.ok(!canary.includes('canary') && !canary.includes('service'), 'no native snippet or native key in a Rollout');
  const step = labels(`${ROLLOUT}      steps:\n      - |\n`);
  for (const k of ['setWeight', 'pause', 'analysis', 'experiment', 'setCanaryScale', 'setHeaderRoute'])
    assert.ok(step.includes(k), `${k} in ${JSON.stringify(step)}`);
  const afterWeight = labels(`${ROLLOUT}      steps:\n      - setWeight: 5\n        |\n`);
  assert.ok(!afterWeight.includes('pause') && !afterWeight.includes('analysis'), JSON.stringify(afterWeight));
  assert.ok(afterWeight.includes('setCanaryScale'), 'setCanaryScale may go with setWeight');
  const template = labels(`${ROLLOUT}      analysis:\n        templates:\n        - |\n`);
  assert.deepEqual(template.sort(), ['clusterScope', 'templateName']);
  const blueGreen = labels(
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    blueGreen:\n      |\n',
  );
  for (const k of [
    'activeService',
    'previewService',
    'autoPromotionEnabled',
    'prePromotionAnalysis',
    'postPromotionAnalysis',
  ])
    assert.ok(blueGreen.includes(k), k);
  assert.deepEqual(
    labels(
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    blueGreen:\n      autoPromotionEnabled: |\n',
    ).sort(),
    ['false', 'true'],
  );
});

test('shipped schemas: AnalysisTemplate, Experiment and the Flagger kinds', () => {
  const metric = labels(
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n  - name: m\n    |\n',
  );
  for (const k of ['interval', 'count', 'failureLimit', 'successCondition', 'failureCondition', 'provider'])
    assert.ok(metric.includes(k), k);
  const provider = labels(
    'apiVersion: argoproj.io/v1alpha1\nkind: ClusterAnalysisTemplate\nspec:\n  metrics:\n  - name: m\n    provider:\n      |\n',
  );
  for (const k of ['prometheus', 'web', 'job', 'datadog']) assert.ok(provider.includes(k), k);
  assert.ok(labels('apiVersion: argoproj.io/v1alpha1\nkind: Experiment\nspec:\n  |\n').includes('analyses'));
  const analysis = labels('apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    |\n');
  for (const k of ['interval', 'threshold', 'maxWeight', 'stepWeight', 'stepWeights', 'metrics', 'alerts', 'webhooks'])
    assert.ok(analysis.includes(k), k);
  const thresholds = labels('apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    threshold: |\n');
  assert.ok(!thresholds.includes('"<= 1%"'), 'native threshold examples are not offered for Flagger');
  assert.ok(labels('apiVersion: flagger.app/v1beta1\nkind: AlertProvider\nspec:\n  type: |\n').includes('msteams'));
  assert.ok(
    labels('apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nspec:\n  provider:\n    type: |\n').includes(
      'prometheus',
    ),
  );
  assert.deepEqual(
    labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n'),
    [],
    'other Kubernetes kinds get nothing',
  );
});
