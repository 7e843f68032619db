/// <reference types="mocha" />
/**
 * Argo Rollouts and Flagger documents in the real VS Code: a misspelt key shows the schema's
 * did-you-mean diagnostic, its quick fix renames the key, and the diagnostic goes away.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, closeAllEditors, nextLint, openAndLint, waitForDiagnostics, workspaceUri } from '../helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

let copies = 0;
async function freshCopy(rel: string): Promise<string> {
  const name = rel.replace(/\.yaml$/, `.copy${++copies}.yaml`);
  await vscode.workspace.fs.writeFile(workspaceUri(name), await vscode.workspace.fs.readFile(workspaceUri(rel)));
  return name;
}

async function fixTypo(rel: string, typo: string, correct: string): Promise<void> {
  const { doc } = await openAndLint(await freshCopy(rel));
  const isTypo = (d: vscode.Diagnostic) => codeOf(d) === 'schema/unknown-key' && doc.getText(d.range) === typo;
  const [diagnostic] = (await waitForDiagnostics(doc.uri, (l) => l.some(isTypo))).filter(isTypo);
  assert.match(diagnostic.message, new RegExp(`did you mean \`${correct}\`\\?`));
  assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    diagnostic.range,
  );
  const fix = (actions ?? []).find((a) => a.title === `Change to \`${correct}\``);
  assert.ok(fix?.edit, `the did-you-mean fix among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
  const linted = nextLint(doc.uri, doc.version + 1);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix applies');
  await linted;
  assert.ok(doc.getText().includes(`${correct}: `) && !doc.getText().includes(typo), 'the key is renamed');
  const after = await waitForDiagnostics(doc.uri, (l) => !l.some((d) => codeOf(d) === 'schema/unknown-key'));
  assert.ok(!after.some((d) => codeOf(d).startsWith('yaml/')), 'the fixed file still parses');
}

describe('Argo Rollouts and Flagger schemas', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAllEditors);

  it('a misspelt step kind in an Argo Rollout: did you mean setWeight, and the fix renames it', async () => {
    await fixTypo('fixtures/argo-flagger/rollout-typo.yaml', 'setWieght', 'setWeight');
  });

  it('a misspelt key in a Flagger Canary: did you mean threshold, and the fix renames it', async () => {
    await fixTypo('fixtures/argo-flagger/flagger-typo.yaml', 'thresold', 'threshold');
  });
});
