/// <reference types="mocha" />
/** "Release Safety: Lint Workspace" fills the Problems panel for files that are not open. */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import {
  api,
  closeAllEditors,
  ours,
  plain,
  sortPlain,
  waitForDiagnostics,
  workspaceUri,
  type PlainDiagnostic,
} from '../helpers';
import { lintText } from '../../../src/core/lint/engine';

const NEVER_OPENED = 'fixtures/unopened/never-opened.yaml';

async function expectedOnDisk(rel: string): Promise<PlainDiagnostic[]> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(rel)));
  const { file, findings } = lintText(text);
  return findings.map((f) => {
    const s = file.lineIndex.positionAt(f.offset);
    const e = file.lineIndex.positionAt(f.offset + f.length);
    return {
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: [s.line, s.character, e.line, e.character],
    };
  });
}

describe('Lint Workspace command', () => {
  afterEach(async () => {
    await vscode.workspace
      .getConfiguration('releaseSafety')
      .update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('is in the command palette under "Release Safety:"', async () => {
    await api(); // run alone (--grep), nothing else has activated the extension yet
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('releaseSafety.lintWorkspace'));
    const ext = vscode.extensions.getExtension('release-safety.release-safety')!;
    const contributed = (
      ext.packageJSON.contributes.commands as Array<{ command: string; title: string; category: string }>
    ).find((c) => c.command === 'releaseSafety.lintWorkspace');
    assert.equal(`${contributed?.category}: ${contributed?.title}`, 'Release Safety: Lint Workspace');
  });

  it('reports files that are not open, exactly as the core finds them, and leaves plain YAML alone', async () => {
    const uri = workspaceUri(NEVER_OPENED);
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
      'the file must not be open',
    );
    assert.equal(ours(uri).length, 0);
    const summary = (await vscode.commands.executeCommand('releaseSafety.lintWorkspace')) as {
      filesLinted: number;
      findings: number;
      cancelled: boolean;
    };
    assert.equal(summary.cancelled, false);
    assert.ok(summary.filesLinted >= 8, `linted ${summary.filesLinted} files`);
    const expected = sortPlain(await expectedOnDisk(NEVER_OPENED));
    assert.ok(expected.length > 0);
    const actual = await waitForDiagnostics(uri, (l) => l.length === expected.length);
    assert.deepEqual(sortPlain(actual.map(plain)), expected);
    assert.deepEqual(ours(workspaceUri('fixtures/k8s-deployment.yaml')), []);
    assert.deepEqual(
      ours(workspaceUri('fixtures/configured/canary.yaml')),
      [],
      'the folder file turns yaml/syntax off there',
    );
    assert.ok(ours(workspaceUri('fixtures/broken-canary.yaml')).length > 0);
  });

  it('honours releaseSafety.exclude: excluded files lose their findings on the next run', async () => {
    await vscode.commands.executeCommand('releaseSafety.lintWorkspace');
    await waitForDiagnostics(workspaceUri(NEVER_OPENED), (l) => l.length > 0);
    await vscode.workspace
      .getConfiguration('releaseSafety')
      .update('exclude', ['**/unopened/**'], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('releaseSafety.lintWorkspace');
    await waitForDiagnostics(workspaceUri(NEVER_OPENED), (l) => l.length === 0);
    assert.ok(ours(workspaceUri('fixtures/broken-canary.yaml')).length > 0, 'other files are still reported');
  });

  it('stops when cancelled', async () => {
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    const summary = await (await api()).lintWorkspace(source.token);
    assert.equal(summary.cancelled, true);
    assert.equal(summary.filesLinted, 0);
  });
});
