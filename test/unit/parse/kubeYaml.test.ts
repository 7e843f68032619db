/**
 * The Kubernetes parse runs with a plain stand-in for `process.env` (yaml reads its debug switches
 * per lexeme, and each read of the real one is a call into C++): the real environment must be back
 * afterwards, and the switches must still work meanwhile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { parseAllDocumentsAsKubernetes } from '../../../src/core/parse/kubeYaml';
import { parseOptionsFor } from '../../../src/core/parse/parseFile';

const TEXT = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  replicas: 3\n---\nkind: Service\n';

test('the same documents as yaml, and the real process.env afterwards', () => {
  const env = process.env;
  const docs = parseAllDocumentsAsKubernetes(TEXT, parseOptionsFor(TEXT));
  assert.equal(process.env, env);
  assert.deepEqual(
    docs.map((d) => d.toJS()),
    parseAllDocuments(TEXT).map((d) => d.toJS()),
  );
});

test("yaml's LOG_TOKENS debug switch still prints tokens during the parse", (t) => {
  const printed: unknown[][] = [];
  t.mock.method(console, 'log', (...args: unknown[]) => printed.push(args));
  process.env.LOG_TOKENS = '1';
  try {
    parseAllDocumentsAsKubernetes('a: 1\n', parseOptionsFor('a: 1\n'));
  } finally {
    delete process.env.LOG_TOKENS;
  }
  assert.ok(printed.length > 0, 'tokens were logged');
  assert.equal(process.env.LOG_TOKENS, undefined);
});
