import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { nativeSchemaOfFile } from '../../../src/core/completion/fileSchema';

const cases: Array<[string, string, string | undefined]> = [
  ['a native canary', 'canary:\n  steps: [1, 100]\n', 'canary'],
  ['a native synthetic file', 'synthetic:\n  journeys: []\n', 'synthetic'],
  ['two canaries', 'canary: {}\n---\ncanary: {}\n', 'canary'],
  ['a canary after an empty document', '---\n---\ncanary: {}\n', 'canary'],
  ['a canary and a synthetic document', 'canary: {}\n---\nsynthetic: {}\n', undefined],
  ['a canary and a Kubernetes document', 'canary: {}\n---\napiVersion: v1\nkind: ConfigMap\n', undefined],
  ['a Flagger canary: its own schema', 'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec: {}\n', 'flagger-canary'],
  [
    'two Rollouts',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n---\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\n',
    'argo-rollout',
  ],
  [
    'a Rollout and its AnalysisTemplate: no one schema fits both',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\n',
    undefined,
  ],
  [
    'a Helm template',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: {{ .Release.Name }}\n',
    undefined,
  ],
  ['a docker-compose file', 'services:\n  web:\n    image: nginx\n', undefined],
  ['an empty file', '', undefined],
];

for (const [name, text, expected] of cases) {
  test(`schema for Red Hat YAML: ${name}`, () => {
    assert.equal(nativeSchemaOfFile(parseFile(text)), expected);
  });
}
