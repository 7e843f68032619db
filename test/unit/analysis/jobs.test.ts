/** Jobs are built offline: Flagger's queries per provider, placeholders, arguments, config errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { resolveJobs } from '../../../src/core/analysis/resolveJobs';
import { builtinQueries, observerFor, type FlaggerModel } from '../../../src/core/analysis/flaggerQueries';
import { fillArgoArgs, fillFlaggerQuery } from '../../../src/core/analysis/placeholders';
import { checkCondition } from '../../../src/core/analysis/expr/condition';

const model: FlaggerModel = {
  name: 'podinfo',
  namespace: 'test',
  target: 'podinfo',
  service: 'podinfo-svc',
  ingress: 'podinfo-ing',
  route: 'podinfo-route',
  interval: '1m',
  variables: { code: '5..' },
};
const file = (path: string, text: string) => ({ path, file: parseFile(text) });

test("Flagger's provider names pick the observer its factory picks", () => {
  assert.equal(observerFor(undefined), 'istio');
  assert.equal(observerFor('appmesh:v1beta2'), 'appmesh');
  assert.equal(observerFor('gatewayapi:v1'), 'http');
  assert.equal(observerFor('kubernetes'), 'http');
  assert.equal(observerFor('smi:v1alpha3'), 'istio');
  for (const p of ['linkerd', 'nginx', 'contour', 'gloo', 'kuma', 'traefik', 'osm', 'apisix', 'skipper', 'knative'])
    assert.equal(observerFor(p), p);
});

test("built-in queries carry each provider's metric names and the model", () => {
  const expect: Record<string, RegExp[]> = {
    istio: [
      /istio_requests_total\{reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo", response_code!~"5\.\*"\}\[1m\]/,
      /istio_request_duration_milliseconds_bucket/,
    ],
    linkerd: [
      /response_total\{namespace="test", deployment=~"podinfo", direction="inbound", classification!="failure"\}/,
      /response_latency_ms_bucket/,
    ],
    nginx: [
      /nginx_ingress_controller_requests\{namespace="test", ingress="podinfo-ing", canary!="", status!~"5\.\*"\}/,
      /response_duration_seconds_sum.*\* 1000$/,
    ],
    contour: [
      /envoy_cluster_name=~"test_podinfo-svc-canary_\[0-9a-zA-Z-\]\+"/,
      /envoy_cluster_upstream_rq_time_bucket/,
    ],
    kuma: [/service=~"podinfo-canary_test_svc_\[0-9a-zA-Z-\]\+"/, /envoy_cluster_upstream_rq_time_bucket/],
    'gatewayapi:v1': [
      /http_request_duration_seconds_count\{kubernetes_namespace="test"/,
      /http_request_duration_seconds_bucket.*\* 1000$/,
    ],
  };
  for (const [provider, [sr, dur]] of Object.entries(expect)) {
    const q = builtinQueries(provider, model);
    assert.match(q.successRate, sr, provider);
    assert.match(q.successRate, /\* 100$/, provider);
    assert.match(q.duration, dur, provider);
  }
});

test('placeholders: Argo args, Flagger names and variables, missing ones named', () => {
  assert.deepEqual(fillArgoArgs('a{{ args.x }}b{{args.y}}', { x: '1', y: '2' }), { ok: true, text: 'a1b2' });
  assert.deepEqual(fillArgoArgs('{{args.x}} {{args.z}}', { x: '1' }), { ok: false, missing: ['args.z'] });
  assert.deepEqual(fillFlaggerQuery('{{ namespace }}/{{target}}[{{ interval }}] {{ variables.code }}', model), {
    ok: true,
    text: 'test/podinfo[1m] 5..',
  });
  assert.deepEqual(fillFlaggerQuery('x {{ variables.nope }}', model), { ok: false, missing: ['variables.nope'] });
  assert.deepEqual(fillFlaggerQuery('a  {{- namespace -}}  b', model), { ok: true, text: 'atestb' });
});

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: ClusterAnalysisTemplate
metadata:
  name: rate
spec:
  args:
    - name: service
    - name: ns
      value: prod
  metrics:
    - name: rate
      successCondition: result[0] >= {{args.min}}
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: sum(rate(x{service="{{args.service}}",ns="{{args.ns}}"}[1m]))
    - name: other
      provider:
        datadog:
          query: avg:x
`;

test('a Rollout: templates found among the files, args merged, a placeholder that is no argument named', () => {
  const rollout = file(
    'rollout.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  labels: {app: checkout}
spec:
  strategy:
    canary:
      analysis:
        templates: [{templateName: rate, clusterScope: true}]
        args:
          - name: service
            valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}
`,
  );
  const r = resolveJobs(rollout, [file('t.yaml', TEMPLATE)]);
  assert.deepEqual(r.errors, [
    't.yaml: ClusterAnalysisTemplate rate (from Rollout checkout, background analysis): metric rate: successCondition uses {{args.min}}, which is not an argument of the template; declare it under spec.args.',
  ]);

  const fixed = file('t.yaml', TEMPLATE.replace('{{args.min}}', '0.9'));
  const ok = resolveJobs(rollout, [fixed], { prometheus: 'http://127.0.0.1:9090' });
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.jobs[0].metrics[0].query, 'sum(rate(x{service="checkout",ns="prod"}[1m]))');
  assert.equal(ok.jobs[0].metrics[0].address, 'http://127.0.0.1:9090');
  assert.match(ok.jobs[0].metrics[1].unsupported!, /datadog provider is not supported/);

  const missing = resolveJobs(
    file('r.yaml', rollout.file.text.replace(/valueFrom.*\n/, 'valueFrom: {podTemplateHashValue: Latest}\n')),
    [fixed],
  );
  assert.match(
    missing.errors[0],
    /argument "service" has no value here \(it comes from the pod template hash in the cluster\); pass --arg service=VALUE/,
  );
  const notFound = resolveJobs(rollout, []);
  assert.match(notFound.errors[0], /uses ClusterAnalysisTemplate rate, which is in none of the files given/);
});

test('a Flagger Canary: a missing MetricTemplate variable and a missing template are config errors', () => {
  const canary = file(
    'canary.yaml',
    `apiVersion: flagger.app/v1beta1
kind: Canary
metadata: {name: podinfo, namespace: test}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
  analysis:
    metrics:
      - name: errors
        templateRef: {name: errors}
        thresholdRange: {max: 1}
      - name: gone
        templateRef: {name: gone}
`,
  );
  const mt = file(
    'mt.yaml',
    `apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata: {name: errors, namespace: test}
spec:
  provider: {type: prometheus, address: http://prometheus:9090}
  query: sum(x{code="{{ variables.code }}"})
`,
  );
  const r = resolveJobs(canary, [mt]);
  assert.equal(r.errors.length, 2);
  assert.match(
    r.errors[0],
    /uses \{\{ variables\.code \}\}, which has no value; add it under the metric's templateVariables/,
  );
  assert.match(r.errors[1], /MetricTemplate gone, which is in none of the files given/);
});

test('a file with nothing to analyse says so', () => {
  assert.match(resolveJobs(file('x.yaml', 'a: 1\n'), []).errors[0], /holds no AnalysisTemplate/);
  assert.equal(checkCondition('result[0] >= 0.95').ok, true);
});
