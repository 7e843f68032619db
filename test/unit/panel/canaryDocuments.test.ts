import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canaryDocuments, mayHoldCanary } from '../../../src/extension/panel/canaryDocuments';

const withSource = `canary:
  service: checkout
  steps: [1, 5, 100]
  interval: 1m
  metrics: [{ name: error-rate, threshold: "<= 1%" }]
  source:
    scrape: { canary: "http://127.0.0.1:9102/metrics", baseline: "http://127.0.0.1:9101/metrics" }
`;

test('lists native canaries per document, with whether they can be watched', () => {
  const text = `${withSource}---\nsynthetic: { journeys: [] }\n---\n# second\ncanary:\n  steps: [1, 100]\n`;
  const docs = canaryDocuments(text);
  assert.deepEqual(
    docs.map((d) => [d.docIndex, d.service, d.hasSource]),
    [
      [0, 'checkout', true],
      [2, null, false],
    ],
  );
  assert.equal(text.slice(docs[1]!.offset, docs[1]!.offset + 6), 'canary');
});

test('non-canary and broken files give nothing, without throwing', () => {
  assert.equal(mayHoldCanary('apiVersion: v1\nkind: Service\n'), false);
  assert.deepEqual(canaryDocuments('apiVersion: v1\nkind: Service\n'), []);
  assert.deepEqual(canaryDocuments('canary: [unclosed\n'), []);
  assert.deepEqual(
    canaryDocuments('canary:\n  source:\n    prometheus: { url: "" }\n').map((d) => d.hasSource),
    [false],
  );
});

test('Argo Rollouts and Flagger Canaries are listed beside native canaries, watchable through their analysis', () => {
  const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: checkout}
spec:
  strategy:
    canary:
      steps:
        - setWeight: 10
        - analysis: {templates: [{templateName: success-rate}]}
`;
  const flagger = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata: {name: podinfo}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
  analysis:
    interval: 1m
    metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
`;
  assert.equal(mayHoldCanary(rollout), true);
  const docs = canaryDocuments(`${rollout}---\n${flagger}---\n${withSource}`);
  assert.deepEqual(
    docs.map((d) => [d.format, d.service, d.hasSource]),
    [
      ['argo', 'checkout', true],
      ['flagger', 'podinfo', true],
      ['native', 'checkout', true],
    ],
  );
  assert.deepEqual(
    canaryDocuments(rollout.replace(/- analysis.*\n/, '')).map((d) => d.hasSource),
    [false],
  );
});
