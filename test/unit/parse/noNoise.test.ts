/**
 * The parser's noise filter, on patterns found in real public repositories (each case names the
 * repository and path whose pattern it reproduces; the text is written here, not copied).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { findTemplateDirective } from '../../../src/core/parse/goTemplate';
import { lintText } from '../../../src/core/lint/engine';

const rules = (text: string) => lintText(text).findings.map((f) => `${f.rule}${f.messageId ? `:${f.messageId}` : ''}`);

test('templates: one yaml/template finding when the file holds our kinds, none otherwise', () => {
  const cases: Array<[string, string, string[]]> = [
    // fluxcd/flagger charts/podinfo/templates/canary.yaml: the whole file inside {{- if }}
    [
      'flagger chart canary',
      '{{- if .Values.canary.enabled }}\napiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata:\n  name: {{ template "podinfo.fullname" . }}\nspec:\n  analysis:\n    interval: {{ .Values.canary.analysis.interval }}\n{{- end }}\n',
      ['yaml/template:template'],
    ],
    // argoproj/argo-rollouts examples/helm-blue-green/templates/rollout.yaml
    [
      'argo chart rollout',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: {{ template "helm-guestbook.fullname" . }}\n  labels:\n    app: {{ template "helm-guestbook.name" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n',
      ['yaml/template:template'],
    ],
    // SMACAcademy/... 8-Strategies/argo-traffic-management-demo/templates/service.yaml: not a rollout
    [
      'chart service',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "app.fullname" . }}\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\n',
      [],
    ],
    // a Deployment template with a range block
    [
      'chart deployment',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      {{- range .Values.containers }}\n      - name: {{ .name }}\n      {{- end }}\n',
      [],
    ],
  ];
  for (const [name, text, expected] of cases) assert.deepEqual(rules(text), expected, name);
});

test('Argo and Flagger placeholders and Go templates in block scalars are not Helm templates', () => {
  const notTemplates: Array<[string, string]> = [
    // argoproj/argo-rollouts examples/analysis-templates: {{args.service-name}} in a quoted string and a block scalar
    [
      'argo args',
      'kind: AnalysisTemplate\nspec:\n  metrics:\n  - name: success-rate\n    successCondition: result[0] >= 0.95\n    provider:\n      prometheus:\n        address: "http://prometheus:9090"\n        query: |\n          sum(irate(istio_requests_total{destination_service=~"{{args.service-name}}"}[5m]))\n      web:\n        url: "http://{{ args.host }}/health"\n',
    ],
    // fluxcd/flagger kustomize docs: MetricTemplate queries with {{ namespace }} / {{ interval }}
    [
      'flagger placeholders',
      'kind: MetricTemplate\nspec:\n  query: |\n    sum(rate(http_requests_total{namespace="{{ namespace }}"}[{{ interval }}]))\n',
    ],
    // argoproj/argo-rollouts manifests/notifications: Go templates inside `message: |`
    [
      'notification message',
      'data:\n  template.rollout-aborted: |\n    message: Rollout {{.rollout.metadata.name}} aborted\n    slack:\n      attachments: |\n        [{"title": "{{ .rollout.metadata.name}}"}]\n',
    ],
    ['comment', '# name: {{ .Values.name }}\nkind: Rollout\n'],
  ];
  for (const [name, text] of notTemplates) assert.equal(findTemplateDirective(text), undefined, name);
  const at = findTemplateDirective('a: 1\nname: {{ include "x" . }}\n');
  assert.deepEqual(at, { offset: 11, length: 19 });
});

test('syntax errors only for documents that are ours, sniffed from the text when the tree is lost', () => {
  // argoproj/argo-rollouts test/e2e/expectedfailures/analysis-run-failfast.yaml: a broken AnalysisRun is not ours
  const analysisRun =
    'kind: AnalysisRun\napiVersion: argoproj.io/v1alpha1\nspec:\n  metrics:\n  - name: a\n    provider: {}\n      - name: b\n';
  assert.deepEqual(rules(analysisRun), []);
  assert.deepEqual(rules('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: [1\n'), []);
  assert.deepEqual(rules('services:\n  web:\n\timage: nginx\n'), []);
  // the same break in a Rollout is reported, even though the parse loses the document's shape
  const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n      steps: [1\n';
  assert.ok(rules(rollout).includes('yaml/syntax:parse'));
  // a broken Kubernetes document next to a good Rollout: only the Rollout is judged
  const mixed =
    'apiVersion: v1\nkind: Service\nspec: [\n---\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  strategy:\n    canary:\n      steps:\n      - setWeight: 5\n';
  assert.ok(!rules(mixed).some((r) => r.startsWith('yaml/')));
});

test('what kubectl reads is not an error: multi-line quoted descriptions of real CRDs', () => {
  // fluxcd/flagger artifacts/flagger/crd.yaml and argoproj/argo-rollouts test/e2e/crds/istio.yaml:
  // controller-gen output whose quoted description lines sit at the key's indentation
  const crd = [
    'apiVersion: flagger.app/v1beta1',
    'kind: Canary',
    'metadata:',
    '  name: x',
    '  annotations:',
    "    note: 'APIVersion defines the versioned schema of this representation",
    "    of an object. More info: https://git.k8s.io/community/api-conventions.md#resources'",
    '    other: "a double-quoted one',
    '    on two lines"',
    'spec:',
    '  analysis:',
    '    interval: 1m',
  ].join('\n');
  const f = parseFile(crd);
  assert.deepEqual(f.findings, []);
  assert.equal(f.documents[0].kind, 'flagger-canary');
  assert.deepEqual(f.documents[0].doc.toJS().metadata.annotations, {
    note: 'APIVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/api-conventions.md#resources',
    other: 'a double-quoted one on two lines',
  });
  // an unclosed quote is still an error, and a `---` still ends the document
  assert.ok(parseFile("canary:\n  service: 'open\n---\ncanary: {}\n").findings.length > 0);
});

test('a Helm values.yaml with a canary: section is not a native canary; a stray native key still is', () => {
  // fluxcd/flagger charts/podinfo/values.yaml
  const values =
    'image:\n  repository: ghcr.io/stefanprodan/podinfo\nreplicaCount: 1\nservice:\n  port: 9898\ncanary:\n  enabled: false\n  analysis:\n    interval: 15s\nresources: {}\n';
  assert.equal(parseFile(values).documents[0].kind, null);
  assert.deepEqual(rules(values), []);
  assert.equal(parseFile('canary:\n  service: a\nintervall: 5m\n').documents[0].kind, 'canary');
  assert.equal(parseFile('canary:\n  service: a\nsteps: [1, 100]\ninterval: 5m\n').documents[0].kind, 'canary');
});

test('a file known to be ours keeps its syntax errors while a typo hides its kind', () => {
  const text = '[canary:\n  steps: [1, 5]\n';
  assert.deepEqual(parseFile(text).findings, []);
  assert.ok(parseFile(text, { ours: true }).findings.length > 0);
});

test('templates: a pipe after a quoted brace, and placeholders alone, are told apart without a line scan', () => {
  // The whole-file pre-check must not miss an action whose `|` follows a `}` inside quotes.
  assert.deepEqual(findTemplateDirective('a: {{ "}" | quote }}\n'), { offset: 3, length: 17 });
  assert.equal(findTemplateDirective('query: |\n  sum(rate(x{job="{{args.job}}"}[{{ interval }}]))\n'), undefined);
});
