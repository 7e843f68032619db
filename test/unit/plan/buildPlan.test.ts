import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { buildCanaryPlan } from '../../../src/core/plan/buildPlan';
import type { CanaryPlan } from '../../../src/core/plan/canaryPlan';
import type { Ref } from '../../../src/core/parse/yamlNodes';

function plans(text: string): Array<CanaryPlan | undefined> {
  const file = parseFile(text);
  assert.deepEqual(file.findings, []);
  return file.documents.map((d) => buildCanaryPlan(d, file));
}

function plan(text: string): CanaryPlan {
  const p = plans(text)[0];
  assert.ok(p, 'expected a plan');
  return p;
}

const at = (text: string, ref: Ref | undefined) => (ref ? text.slice(ref.offset, ref.offset + ref.length) : undefined);

const NATIVE = `# checkout canary
canary:
  service: checkout
  steps: [1, 5, 25, 50, 100]
  interval: 5m
  metrics:
    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= 0.5s"
    - name: queue-depth
      query: worker_queue_depth{{selector}}
      unit: count
      threshold: "< 100"
  on_failure: rollback
  failure_limit: 1
  min_requests: 100
  alerts:
    - channel: slack:#checkout-deploys
      on: [breach, rollback]
    - channel: pagerduty:checkout
  source:
    prometheus:
      url: http://127.0.0.1:9090
      canary: '{job="checkout",track="canary"}'
      baseline: '{job="checkout",track="stable"}'
    requests_metric: reqs_total
    status_label: status
`;

test('native: every part of the plan, with the source node of each', () => {
  const p = plan(NATIVE);
  assert.equal(p.format, 'native');
  assert.equal(at(NATIVE, p.anchor), 'canary');
  assert.equal(p.service, 'checkout');
  assert.deepEqual(
    p.steps.map((s) => s.weight),
    [1, 5, 25, 50, 100],
  );
  assert.deepEqual(
    p.steps.map((s) => at(NATIVE, s.ref)),
    ['1', '5', '25', '50', '100'],
  );
  assert.deepEqual(
    { text: p.interval?.text, ms: p.interval?.ms, at: at(NATIVE, p.interval?.ref) },
    { text: '5m', ms: 300_000, at: '5m' },
  );
  assert.deepEqual(
    p.metrics.map((m) => [m.name, m.unit, m.builtin, m.watchesErrors]),
    [
      ['error-rate', '%', true, true],
      ['p99-latency', 'ms', true, false],
      ['queue-depth', 'count', false, false],
    ],
  );
  assert.equal(p.metrics[2].query, 'worker_queue_depth{{selector}}');
  // "0.5s" is fitted to the metric's unit: 500 ms.
  assert.deepEqual(p.metrics[1].threshold?.parsed, {
    op: '<=',
    kind: 'absolute',
    value: 500,
    unit: 'ms',
    text: '<= 0.5s',
  });
  assert.equal(at(NATIVE, p.metrics[0].threshold?.ref), '"<= 1%"');
  assert.deepEqual(p.rollback, { automated: true, ref: p.rollback.ref, value: 'rollback' });
  assert.equal(at(NATIVE, p.rollback.ref), 'rollback');
  assert.equal(p.failureLimit, 1);
  assert.equal(p.minRequests, 100);
  assert.deepEqual(
    p.alerts.map((a) => [a.channel, a.kind, a.target, a.on]),
    [
      ['slack:#checkout-deploys', 'slack', '#checkout-deploys', ['breach', 'rollback']],
      ['pagerduty:checkout', 'pagerduty', 'checkout', undefined],
    ],
  );
  assert.equal(at(NATIVE, p.alerts[0].ref), 'slack:#checkout-deploys');
  assert.deepEqual(
    { ...p.source, ref: undefined },
    {
      prometheus: {
        url: 'http://127.0.0.1:9090',
        canary: '{job="checkout",track="canary"}',
        baseline: '{job="checkout",track="stable"}',
      },
      requestsMetric: 'reqs_total',
      latencyMetric: 'http_request_duration_seconds',
      statusLabel: 'status',
      ref: undefined,
    },
  );
});

test('native: scrape source with the default conventions', () => {
  const text =
    'canary:\n  source:\n    scrape:\n      canary: http://127.0.0.1:1/metrics\n      baseline: http://127.0.0.1:2/metrics\n';
  const p = plan(text);
  assert.deepEqual(p.source?.scrape, { canary: 'http://127.0.0.1:1/metrics', baseline: 'http://127.0.0.1:2/metrics' });
  assert.deepEqual(
    [p.source?.requestsMetric, p.source?.latencyMetric, p.source?.statusLabel],
    ['http_requests_total', 'http_request_duration_seconds', 'code'],
  );
});

test('native: threshold errors point into the threshold string', () => {
  const text =
    'canary:\n  metrics:\n    - name: p99-latency\n      threshold: "<= 1%"\n    - name: error-rate\n      threshold: <= lots\n    - name: error-rate\n      threshold: 5\n';
  const p = plan(text);
  const [unitMismatch, garbage, bare] = p.metrics.map((m) => m.threshold!);
  assert.match(unitMismatch.error!, /does not fit/);
  assert.equal(at(text, unitMismatch.errorRef), '%');
  assert.equal(unitMismatch.errorRef!.offset, text.indexOf('1%"') + 1);
  assert.match(garbage.error!, /expected a number/);
  assert.equal(at(text, garbage.errorRef), 'lots');
  assert.match(bare.error!, /no comparison/);
  assert.equal(at(text, bare.errorRef), '5');
});

test('native: missing parts stay missing, odd values are kept as written', () => {
  const text = 'canary:\n  steps: [1, "five", 100]\n  interval: 5\n  on_failure: pause\n';
  const p = plan(text);
  assert.deepEqual(
    p.steps.map((s) => s.weight),
    [1, null, 100],
  );
  assert.equal(p.interval?.ms, null);
  assert.match(p.interval!.error!, /no unit/);
  assert.deepEqual({ automated: p.rollback.automated, value: p.rollback.value }, { automated: false, value: 'pause' });
  assert.deepEqual(
    [p.metrics, p.alerts, p.minRequests, p.alertsRef, p.source],
    [[], [], undefined, undefined, undefined],
  );
  const empty = plan('canary:\n');
  assert.deepEqual([empty.steps, empty.metrics, empty.rollback.automated, empty.interval], [[], [], false, undefined]);
  assert.equal(plans('canary: 5\n')[0], undefined);
});

test('native: aliases resolve without expanding the document', () => {
  const text = 'defaults: &d\n  interval: 5m\n  on_failure: rollback\ncanary: *d\n';
  const p = plan(text);
  assert.equal(p.interval?.ms, 300_000);
  assert.equal(p.rollback.automated, true);
});

const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  annotations:
    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: deploys;oncall
spec:
  strategy:
    canary:
      analysis:
        templates:
        - templateName: success-rate
      steps:
      - setWeight: 5
      - pause: {duration: 10m}
      - setWeight: 50
      - pause: {}
      - analysis:
          templates:
          - templateName: latency
      - setWeight: 100
`;

test('argo: setWeight steps, pauses, analyses and notification subscriptions', () => {
  const p = plan(ARGO);
  assert.equal(p.format, 'argo');
  assert.equal(p.service, 'checkout');
  assert.equal(at(ARGO, p.anchor), 'canary');
  assert.equal(p.anchor.offset, ARGO.indexOf('    canary:') + 4);
  assert.deepEqual(
    p.steps.map((s) => [s.weight, at(ARGO, s.ref)]),
    [
      [5, '5'],
      [50, '50'],
      [100, '100'],
    ],
  );
  assert.deepEqual(
    p.pauses.map((s) => [s.durationMs, at(ARGO, s.ref)]),
    [
      [600_000, 'pause: {duration: 10m}'],
      [null, 'pause: {}'],
    ],
  );
  assert.deepEqual(
    p.analyses?.map((a) => [a.kind, a.templates]),
    [
      ['background', ['success-rate']],
      ['step', ['latency']],
    ],
  );
  assert.equal(p.rollback.automated, true);
  assert.deepEqual(
    p.alerts.map((a) => [a.channel, a.on]),
    [
      ['slack:deploys', ['on-rollout-aborted']],
      ['slack:oncall', ['on-rollout-aborted']],
    ],
  );
  assert.equal(at(ARGO, p.alerts[0].ref), 'notifications.argoproj.io/subscribe.on-rollout-aborted.slack');
});

test('argo: no analysis means nothing rolls back; templates and strategy-less Rollouts have no plan', () => {
  const p = plan(
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n      steps:\n      - setWeight: 20\n',
  );
  assert.deepEqual([p.rollback.automated, p.alerts.length, p.analyses?.length], [false, 0, 0]);
  const others = plans(
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec: {replicas: 2}\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec: {}\n',
  );
  assert.deepEqual(others, [undefined, undefined]);
});

const FLAGGER = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
spec:
  targetRef:
    name: podinfo
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 20
    metrics:
    - name: request-success-rate
      thresholdRange:
        min: 99
    - name: request-duration
      thresholdRange:
        max: 500
    - name: error-ratio
      templateRef:
        name: error-ratio
    webhooks:
    - name: load-test
      url: http://flagger-loadtester.test/
    alerts:
    - name: on-call
      severity: error
      providerRef:
        name: on-call-slack
`;

test('flagger: derived steps, failure limit, metrics, webhooks and alerts', () => {
  const p = plan(FLAGGER);
  assert.equal(p.format, 'flagger');
  assert.equal(p.service, 'podinfo');
  assert.equal(at(FLAGGER, p.anchor), 'analysis');
  assert.deepEqual(
    p.steps.map((s) => s.weight),
    [20, 40, 50],
  );
  assert.ok(p.steps.every((s) => at(FLAGGER, s.ref) === '20'));
  assert.equal(p.stepsDerived, true);
  assert.deepEqual([p.stepWeight?.value, p.maxWeight?.value], [20, 50]);
  assert.deepEqual([p.interval?.ms, p.failureLimit], [60_000, 5]);
  assert.deepEqual(
    p.metrics.map((m) => [m.name, m.builtin, m.watchesErrors, m.templateRef, m.threshold?.text]),
    [
      ['request-success-rate', true, true, undefined, '>= 99'],
      ['request-duration', true, false, undefined, '<= 500'],
      ['error-ratio', false, true, 'error-ratio', undefined],
    ],
  );
  assert.equal(p.webhooks?.length, 1);
  assert.equal(p.rollback.automated, true);
  assert.deepEqual(
    p.alerts.map((a) => [a.channel, a.on]),
    [['alertprovider:on-call-slack', ['error']]],
  );
});

test('flagger: stepWeights list, no analysis, and a runaway stepWeight', () => {
  const listed = plan(
    'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    stepWeights: [1, 10, 80]\n',
  );
  assert.deepEqual(
    listed.steps.map((s) => s.weight),
    [1, 10, 80],
  );
  assert.equal(listed.stepsDerived, undefined);
  const none = 'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  targetRef: {name: x}\n';
  const p = plan(none);
  assert.equal(at(none, p.anchor), 'spec');
  assert.deepEqual([p.rollback.automated, p.metrics.length, p.steps.length], [false, 0, 0]);
  const tiny = plan('apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    stepWeight: 0.0001\n');
  assert.ok(tiny.steps.length <= 200);
  const straight = plan(
    'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    stepWeight: 100\n    maxWeight: 100\n',
  );
  assert.deepEqual(
    straight.steps.map((s) => s.weight),
    [100],
  );
});
