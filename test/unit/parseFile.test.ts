import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../src/core/parse/parseFile';

test('sniffs each document of a multi-document file', () => {
  const text = [
    'canary:\n  steps: [1, 100]',
    'synthetic:\n  journeys: []',
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec: {}',
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate',
    'apiVersion: flagger.app/v1beta1\nkind: Canary',
    'apiVersion: v1\nkind: Service',
    'services:\n  web:\n    image: nginx',
  ].join('\n---\n');
  const f = parseFile(text);
  assert.deepEqual(
    f.documents.map((d) => d.kind),
    ['canary', 'synthetic', 'argo-rollout', 'argo-analysis-template', 'flagger-canary', null, null],
  );
  assert.equal(f.findings.length, 0);
});

test('a syntax error is a finding at the parser position, not an exception', () => {
  const text = 'canary:\n  steps: [1, 5\n  interval: 5m\n';
  const f = parseFile(text);
  assert.ok(f.findings.length > 0);
  assert.equal(f.findings[0].rule, 'yaml/syntax');
  assert.ok(f.findings[0].offset > 0 && f.findings[0].offset <= text.length);
});

test('hostile input ends in a clear finding', () => {
  const deep = parseFile('canary: ' + '['.repeat(100_000));
  assert.deepEqual(parseFile('a: ' + '['.repeat(100_000)).findings, [], 'not ours: silent');
  assert.match(deep.findings[0].message, /nested more than/);
  const big = parseFile('canary:\n' + 'x'.repeat(100), { maxChars: 10 });
  assert.match(big.findings[0].message, /Split it/);
  const empty = parseFile('# only a comment\n');
  assert.equal(empty.findings.length, 0);
  const bomb = parseFile('canary:\n  a: &a [x, x]\n  b: &b [*a, *a]\n  steps: *b\n');
  assert.equal(bomb.documents[0].kind, 'canary');
});
