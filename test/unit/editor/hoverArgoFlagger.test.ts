/** Hover on Argo Rollouts and Flagger keys: the description of our schema for that kind. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/describe/hoverAt';
import { parseFile } from '../../../src/core/parse/parseFile';
import { nativeSchemas } from '../../../src/core/completion/nativeSchemas';

function hover(text: string, at: string) {
  const offset = text.indexOf(at) + 1;
  return hoverAt(text, offset, parseFile(text), nativeSchemas());
}

test('hover on an Argo blueGreen key and an AnalysisTemplate key', () => {
  const rollout =
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    blueGreen:\n      activeService: a\n      autoPromotionEnabled: false\n';
  assert.match(hover(rollout, 'autoPromotionEnabled')?.markdown ?? '', /kubectl argo rollouts promote/);
  const template =
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n  - name: m\n    failureLimit: 2\n';
  assert.match(hover(template, 'failureLimit')?.markdown ?? '', /Failed measurements tolerated/);
});

test('hover on Flagger keys: skipAnalysis, the metric interval as a data window', () => {
  const canary =
    'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  skipAnalysis: false\n  analysis:\n    metrics:\n    - name: request-success-rate\n      interval: 1m\n';
  assert.match(hover(canary, 'skipAnalysis')?.markdown ?? '', /promotes without any analysis/);
  assert.match(hover(canary, 'interval: 1m')?.markdown ?? '', /data window/);
  assert.equal(hover('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n', 'replicas'), undefined);
});
