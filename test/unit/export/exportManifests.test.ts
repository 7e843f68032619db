/**
 * The exported Argo and Flagger documents of every native example: they lint with no error (our
 * own Argo/Flagger checks), and read back to the same steps, interval, gates and failure limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lintText } from '../../../src/core/lint/engine';
import { parseFile } from '../../../src/core/parse/parseFile';
import { buildCanaryPlan } from '../../../src/core/plan/buildPlan';
import { exportText } from '../../../src/core/export/exportFile';

const EXAMPLES = join(__dirname, '../../../examples');
const natives = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, text: readFileSync(join(EXAMPLES, f), 'utf8') }))
  .filter((f) => /^canary:/m.test(f.text));

test('there are native canary examples to export', () =>
  assert.ok(natives.length >= 2, natives.map((n) => n.name).join(', ')));

function nativePlan(text: string) {
  const file = parseFile(text);
  return buildCanaryPlan(
    file.documents.find((d) => d.kind === 'canary')!,
    file,
  )!;
}

for (const { name, text } of natives) {
  const native = nativePlan(text);
  const guarded = native.steps.map((s) => s.weight).filter((w): w is number => w !== null && w < 100);

  test(`${name} -> argo: lints with no error and keeps the steps, interval, gates and failure limit`, () => {
    const out = exportText('argo', text, name);
    assert.ok(out.ok, out.ok ? '' : out.error);
    if (!out.ok) return;
    const lint = lintText(out.text);
    assert.deepEqual(
      lint.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`),
      [],
      out.text,
    );
    const docs = out.text.split(/^---$/m).map((d) => parse(d));
    const rollout = docs.find((d) => d.kind === 'Rollout');
    const template = docs.find((d) => d.kind === 'AnalysisTemplate');
    const steps = rollout.spec.strategy.canary.steps;
    assert.deepEqual(
      steps
        .filter((s: { setWeight?: number }) => s.setWeight !== undefined)
        .map((s: { setWeight: number }) => s.setWeight),
      guarded,
    );
    const pauses = steps
      .filter((s: { pause?: { duration?: string } }) => s.pause?.duration)
      .map((s: { pause: { duration: string } }) => s.pause.duration);
    assert.ok(
      pauses.every((p: string) => p === native.interval!.text),
      `${pauses.join(',')} vs ${native.interval!.text}`,
    );
    assert.deepEqual(
      template.spec.metrics.map((m: { name: string }) => m.name),
      native.metrics.map((m) => m.name),
    );
    for (const m of template.spec.metrics) assert.equal(m.failureLimit, native.failureLimit ?? 0);
    assert.equal(rollout.spec.strategy.canary.analysis.templates[0].templateName, template.metadata.name);
    const plan = buildCanaryPlan(parseFile(out.text).documents[0], parseFile(out.text))!;
    assert.ok(plan.rollback.automated, 'the exported Rollout rolls back by itself');
    assert.equal(plan.alerts.length > 0, native.alerts.length > 0, 'alert channels become subscriptions');
  });

  test(`${name} -> flagger: lints with no error and keeps the steps, interval, gates and failure limit`, () => {
    const out = exportText('flagger', text, name);
    assert.ok(out.ok, out.ok ? '' : out.error);
    if (!out.ok) return;
    const lint = lintText(out.text);
    assert.deepEqual(
      lint.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`),
      [],
      out.text,
    );
    const docs = out.text.split(/^---$/m).map((d) => parse(d));
    const canary = docs.find((d) => d.kind === 'Canary');
    const templates = docs.filter((d) => d.kind === 'MetricTemplate');
    assert.deepEqual(canary.spec.analysis.stepWeights, guarded);
    assert.equal(canary.spec.analysis.interval, native.interval!.text);
    assert.equal(canary.spec.analysis.threshold, (native.failureLimit ?? 0) + 1);
    assert.deepEqual(
      canary.spec.analysis.metrics.map((m: { name: string }) => m.name),
      native.metrics.map((m) => m.name),
    );
    assert.deepEqual(
      canary.spec.analysis.metrics.map((m: { templateRef: { name: string } }) => m.templateRef.name).sort(),
      templates.map((t) => t.metadata.name).sort(),
    );
    for (const t of templates) assert.ok(typeof t.spec.query === 'string' && t.spec.query.length > 0);
  });
}

test('a gate relative to the baseline becomes one ratio query with the factor as its limit', () => {
  const text =
    'canary:\n  service: web\n  steps: [5, 100]\n  interval: 2m\n  metrics:\n    - name: p95-latency\n      threshold: "<= baseline * 1.2"\n  on_failure: rollback\n  alerts:\n    - channel: slack:#web\n  source:\n    prometheus:\n      url: http://127.0.0.1:9090\n      canary: \'{job="web",track="canary"}\'\n      baseline: \'{job="web",track="stable"}\'\n';
  const out = exportText('argo', text, 'web.yaml');
  assert.ok(out.ok);
  if (!out.ok) return;
  const template = out.text
    .split(/^---$/m)
    .map((d) => parse(d))
    .find((d) => d.kind === 'AnalysisTemplate');
  const metric = template.spec.metrics[0];
  assert.equal(metric.successCondition, 'result[0] <= 1.2');
  assert.equal(metric.provider.prometheus.address, 'http://127.0.0.1:9090');
  assert.match(
    metric.provider.prometheus.query,
    /^\(1000 \* histogram_quantile\(0\.95, .*track="canary".*\)\) \/ \(1000 \* histogram_quantile\(0\.95, .*track="stable".*\)\)$/,
  );
  assert.equal(out.notes.length, 0, out.notes.join('; '));
});

test('a file without a native canary is a clear error', () => {
  const out = exportText('flagger', 'synthetic:\n  journeys: []\n', 's.yaml');
  assert.deepEqual(out, {
    ok: false,
    error: 's.yaml has no native canary (a document with a top-level "canary:" key) to export.',
  });
});
