/** Linting files together: the index, the per-file view (the buffer beats the index), and re-check names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { parseFile } from '../../../src/core/parse/parseFile';
import { ProjectIndex, summarize } from '../../../src/core/project/projectIndex';
import { changedNames, symbolAt } from '../../../src/core/project/symbolAt';
import { missingTemplateArg } from '../../../src/core/lint/rules/canary/missing-template-arg';
import { unresolvedReference } from '../../../src/core/lint/rules/canary/unresolved-reference';

const ROLLOUT =
  'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  strategy:\n    canary:\n      analysis:\n        templates:\n        - templateName: rate\n      steps:\n      - setWeight: 5\n';
const TEMPLATE = (arg: string) =>
  `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: rate}\nspec:\n  args:\n  - ${arg}\n  metrics: []\n`;
const CANARY =
  'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: {name: c, namespace: shop}\nspec:\n  analysis:\n    metrics:\n    - name: latency\n      templateRef: {name: latency, namespace: monitoring}\n';

test('a reference resolves through the index; the file being linted speaks for itself over its stale entry', () => {
  const index = new ProjectIndex();
  index.setParsed('rollout.yaml', parseFile(ROLLOUT));
  index.setParsed('template.yaml', parseFile(TEMPLATE('{name: service, value: checkout}')));
  const rules = [missingTemplateArg, unresolvedReference];
  assert.deepEqual(lintText(ROLLOUT, { rules, project: { index, file: 'rollout.yaml' } }).findings, []);
  // The template's buffer lost its default: linting the template file itself reads the buffer.
  const edited = TEMPLATE('{name: service}');
  const view = lintText(edited, { rules, project: { index, file: 'template.yaml' } });
  assert.deepEqual(view.findings, []);
  index.setParsed('template.yaml', parseFile(edited));
  assert.deepEqual(
    lintText(ROLLOUT, { rules, project: { index, file: 'rollout.yaml' } }).findings.map((f) => f.messageId),
    ['missing'],
  );
  index.delete('template.yaml');
  assert.deepEqual(
    lintText(ROLLOUT, { rules, project: { index, file: 'rollout.yaml' } }).findings.map((f) => f.rule),
    ['canary/unresolved-reference'],
  );
});

test('Flagger templateRef looks in its own namespace when it names one', () => {
  const index = new ProjectIndex();
  const template = (ns: string) =>
    `apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nmetadata: {name: latency, namespace: ${ns}}\nspec: {}\n`;
  index.setParsed('t.yaml', parseFile(template('monitoring')));
  assert.deepEqual(lintText(CANARY, { rules: [unresolvedReference], project: { index, file: 'c.yaml' } }).findings, []);
  index.setParsed('t.yaml', parseFile(template('shop')));
  assert.deepEqual(
    lintText(CANARY, { rules: [unresolvedReference], project: { index, file: 'c.yaml' } }).findings.map(
      (f) => f.messageId,
    ),
    ['metricTemplate'],
  );
});

test('symbolAt finds the reference or the definition under the cursor; changedNames says whose users to re-check', () => {
  const rollout = summarize(parseFile(ROLLOUT));
  const at = ROLLOUT.indexOf('templateName: rate') + 'templateName: '.length;
  assert.equal(symbolAt(rollout, at + 1)?.type, 'reference');
  assert.equal(symbolAt(rollout, 0), undefined);
  const t1 = summarize(parseFile(TEMPLATE('{name: service, value: x}')));
  assert.equal(symbolAt(t1, TEMPLATE('{name: service, value: x}').indexOf('name: rate') + 6)?.type, 'definition');
  const t2 = summarize(parseFile(TEMPLATE('{name: service}')));
  assert.deepEqual(changedNames(t1, t2).definitions, [{ kind: 'AnalysisTemplate', name: 'rate' }]);
  assert.deepEqual(changedNames(t1, t1), { definitions: [], references: [] });
  assert.deepEqual(changedNames(undefined, rollout).references, [{ kind: 'AnalysisTemplate', name: 'rate' }]);
});

test('odd documents summarize to nothing and never throw', () => {
  for (const text of [
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec: [1, 2]\n',
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: [x]}\n',
    'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    metrics: {a: 1}\n    alerts: [1, {providerRef: 7}]\n',
    'a: [unclosed\n',
  ]) {
    const s = summarize(parseFile(text));
    assert.ok(Array.isArray(s.definitions) && Array.isArray(s.references));
  }
});
