/**
 * The lint worker (a real worker_threads thread running src/extension/backgroundLint/lintWorker.ts)
 * answers exactly what lintText answers, fixes included, version after version; a worker that
 * dies fails the lints it owed and the next lint starts a new one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintText } from '../../../src/core/lint/engine';
import { BackgroundLinter } from '../../../src/extension/backgroundLint/backgroundLinter';
import { generateRolloutFile } from '../../../bench/generateRolloutFile';

const SOURCE = join(resolve(__dirname, '..', '..', '..'), 'src/extension/backgroundLint/lintWorker.ts');
/** The worker from its TypeScript source (the extension starts the bundled dist/lintWorker.js). */
const WORKER = () =>
  new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(SOURCE)});`, { eval: true });
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

test('the worker lints as lintText does, fixes and suggestions included, across edits', async (t) => {
  const linter = new BackgroundLinter(WORKER);
  t.after(() => linter.dispose());
  let text = generateRolloutFile(3_000).text;
  const config = { rules: { 'canary/no-sample-guard': 'warning' as const } };
  for (let i = 0; i < 3; i++) {
    const r = await linter.lint('file:///a.yaml', text, config);
    const expected = lintText(text, { config });
    assert.deepEqual(plain(r.findings), plain(expected.findings));
    assert.ok(
      r.findings.some((f) => f.fix) && r.findings.some((f) => f.suggestions?.length),
      'the file has fixes and suggestions',
    );
    assert.equal(r.ours, true);
    assert.equal(r.lineCount, expected.file.lineIndex.lineCount);
    text = text.replace('interval: 5m', `interval: ${i + 6}m`);
  }
  assert.equal(linter.answered, 3);
});

test('a worker that dies fails what it owed; the next lint gets a new worker', async (t) => {
  const linter = new BackgroundLinter(WORKER);
  t.after(() => linter.dispose());
  await linter.lint('k', 'canary:\n  steps: [100]\n', { rules: {} });
  const owed = linter.lint('k', generateRolloutFile(2_000).text, { rules: {} });
  await (linter as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  await assert.rejects(owed, /lint worker stopped/);
  const again = await linter.lint('k', 'canary:\n  steps: [100]\n', { rules: {} });
  assert.ok(again.findings.length > 0);
});
