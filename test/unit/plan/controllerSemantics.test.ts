/** The plan reads Argo Rollouts and Flagger as their controllers do (which analysis can run, pods vs weights, triggers). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { buildCanaryPlan } from '../../../src/core/plan/buildPlan';
import type { CanaryPlan } from '../../../src/core/plan/canaryPlan';
import { podShare } from '../../../src/core/plan/argoExposure';
import { firesOnFailure } from '../../../src/core/plan/argoAlerts';

function plan(text: string): CanaryPlan {
  const file = parseFile(text);
  assert.deepEqual(file.findings, []);
  const p = buildCanaryPlan(file.documents[0], file);
  assert.ok(p, 'expected a plan');
  return p;
}

const rollout = (body: string, extra = '') =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: r\n${extra}spec:\n${body}`;

test('argo: an analysis without templates runs nothing, so it is no rollback', () => {
  const p = plan(
    rollout('  strategy:\n    canary:\n      analysis:\n        templates: []\n      steps:\n      - setWeight: 5\n'),
  );
  assert.equal(p.rollback.automated, false);
  assert.deepEqual(
    p.analyses?.map((a) => [a.kind, a.templates]),
    [['background', []]],
  );
  const q = plan(
    rollout(
      '  strategy:\n    canary:\n      steps:\n      - analysis:\n          templates:\n          - templateName: ok\n',
    ),
  );
  assert.equal(q.rollback.automated, true);
});

test('argo blueGreen: promotion analyses automate rollback; autoPromotionEnabled false is a human gate; no steps', () => {
  const bg = plan(
    rollout(
      '  strategy:\n    blueGreen:\n      activeService: a\n      postPromotionAnalysis:\n        templates:\n        - templateName: smoke\n',
    ),
  );
  assert.deepEqual(
    [bg.strategy, bg.rollback.automated, bg.steps.length, bg.manualPromotion],
    ['blueGreen', true, 0, undefined],
  );
  const manual = plan(
    rollout('  strategy:\n    blueGreen:\n      activeService: a\n      autoPromotionEnabled: false\n'),
  );
  assert.deepEqual([manual.rollback.automated, !!manual.manualPromotion], [false, true]);
});

test('argo: a misspelt step (setWieght) is dropped as the controller drops it, without a crash', () => {
  const p = plan(
    rollout(
      '  strategy:\n    canary:\n      steps:\n      - setWieght: 5\n      - setWeight:\n      - setWeight: 50\n      - {}\n      - 7\n',
    ),
  );
  assert.deepEqual(
    p.steps.map((s) => s.weight),
    [null, 50],
  );
});

test('argo without trafficRouting: each weight carries its pod share; with trafficRouting or no replicas it does not', () => {
  const p = plan(
    rollout('  replicas: 3\n  strategy:\n    canary:\n      steps:\n      - setWeight: 5\n      - setWeight: 50\n'),
  );
  assert.deepEqual(
    p.steps.map((s) => s.exposure),
    [
      { canaryPods: 1, totalPods: 4, percent: 25 },
      { canaryPods: 2, totalPods: 4, percent: 50 },
    ],
  );
  const routed = plan(
    rollout(
      '  replicas: 3\n  strategy:\n    canary:\n      trafficRouting:\n        nginx: {stableIngress: x}\n      steps:\n      - setWeight: 5\n',
    ),
  );
  assert.equal(routed.steps[0].exposure, undefined);
  const hpa = plan(rollout('  strategy:\n    canary:\n      steps:\n      - setWeight: 5\n'));
  assert.equal(hpa.steps[0].exposure, undefined);
});

test('podShare follows the controller: one pod at least, surge counted, closest option wins', () => {
  assert.deepEqual(podShare(10, 5, true), { canaryPods: 1, totalPods: 11, percent: 9.1 });
  assert.deepEqual(podShare(20, 5, true), { canaryPods: 1, totalPods: 20, percent: 5 });
  assert.deepEqual(podShare(5, 20, false), { canaryPods: 1, totalPods: 5, percent: 20 });
  assert.deepEqual(podShare(2, 10, false), { canaryPods: 1, totalPods: 2, percent: 50 });
  assert.equal(podShare(4, 100, true), undefined);
  assert.equal(podShare(0, 5, true), undefined);
});

test('argo alerts: only triggers that fire on a failure count; no trigger means the default ones', () => {
  assert.equal(firesOnFailure(['on-rollout-completed']), false);
  assert.equal(firesOnFailure(['on-rollout-step-completed', 'on-analysis-run-error']), true);
  assert.equal(firesOnFailure(undefined), true);
  assert.equal(firesOnFailure(['on-canary-failed']), true, 'a custom trigger named for a failure');
  const p = plan(
    rollout(
      '  strategy:\n    canary:\n      steps: []\n',
      '  annotations:\n    notifications.argoproj.io/subscribe.on-rollout-completed.slack: deploys\n    notifications.argoproj.io/subscriptions: |\n      - recipients: [slack:deploys]\n        triggers: [on-rollout-updated]\n',
    ),
  );
  assert.deepEqual(
    p.alerts.map((a) => a.firesOnFailure),
    [false, false],
  );
});

test('flagger: skipAnalysis true means no automated rollback; metric intervals are windows, analysis.interval the schedule', () => {
  const text =
    'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  skipAnalysis: true\n  analysis:\n    interval: 15s\n    metrics:\n    - name: request-success-rate\n      interval: 30s\n      thresholdRange: {min: 99}\n';
  const p = plan(text);
  assert.equal(p.rollback.automated, false);
  assert.equal(text.slice(p.skipAnalysis!.offset, p.skipAnalysis!.offset + p.skipAnalysis!.length), 'true');
  assert.equal(p.interval?.ms, 15_000);
  assert.equal(p.metrics[0].window?.ms, 30_000);
});
