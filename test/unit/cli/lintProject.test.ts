/** `release-safety lint` resolves references across all its paths: the files linted together. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTree, runCli } from './tempTree';

// Pattern of argoproj/argo-rollouts examples/rollout-analysis-step.yaml (the Rollout) and
// examples/analysis-templates.yaml (its templates, in another file, with an arg the Rollout supplies).
const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  annotations:
    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: deploys
spec:
  strategy:
    canary:
      analysis:
        templates:
        - templateName: success-rate
        args:
        - name: service-name
          value: checkout
      steps:
      - setWeight: 5
      - pause: {duration: 10m}
`;
const TEMPLATE = (args: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
${args}  metrics:
  - name: success-rate
    interval: 1m
    count: 5
    successCondition: result[0] >= 0.99
    provider:
      prometheus:
        address: http://prometheus.monitoring:9090
        query: sum(rate(x{service="{{args.service-name}}"}[1m]))
`;

const rulesOf = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ file: string; rule: string }>).map((f) => `${f.file} ${f.rule}`);

test('a Rollout and its AnalysisTemplate in two paths resolve; the Rollout alone is told the template may live in the cluster', async (t) => {
  const tree = makeTree({ 'rollout.yaml': ROLLOUT, 'analysis/templates.yaml': TEMPLATE('  - name: service-name\n') });
  t.after(tree.remove);
  const together = await runCli(['lint', '-f', 'json', 'rollout.yaml', 'analysis'], tree.dir);
  assert.deepEqual(rulesOf(together.stdout), []);
  const alone = await runCli(['lint', '-f', 'json', 'rollout.yaml'], tree.dir);
  assert.deepEqual(rulesOf(alone.stdout), ['rollout.yaml canary/unresolved-reference']);
  assert.match(JSON.parse(alone.stdout)[0].message, /may live only in the cluster/);
});

test('a template arg nobody supplies is an error on the Rollout in the other file', async (t) => {
  const tree = makeTree({
    'rollout.yaml': ROLLOUT,
    'templates.yaml': TEMPLATE('  - name: service-name\n  - name: namespace\n'),
  });
  t.after(tree.remove);
  const r = await runCli(['lint', '-f', 'json', '.'], tree.dir);
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.stdout) as Array<{ file: string; rule: string; line: number; message: string }>;
  assert.deepEqual(
    findings.map((f) => [f.file, f.rule, f.line]),
    [['rollout.yaml', 'canary/missing-template-arg', 12]],
  );
  assert.match(findings[0].message, /needs arg "namespace"/);
  assert.match(findings[0].message, /\(in [^ ]*\/templates\.yaml\)/);
});
