/// <reference types="mocha" />
/**
 * References across files in the real VS Code: go to definition from a Rollout's templateName to
 * the AnalysisTemplate in another file, find references back, and an edit of the template (an arg
 * losing its default) re-checks the Rollout, which is not edited.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, closeAllEditors, openAndLint, ours, waitForDiagnostics, workspaceUri } from '../helpers';

const ROLLOUT = 'fixtures/references/rollout.yaml';
const TEMPLATES = 'fixtures/references/templates.yaml';

const rulesOf = (list: vscode.Diagnostic[]) =>
  list.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));

function positionOf(doc: vscode.TextDocument, text: string, after = ''): vscode.Position {
  const from = after ? doc.getText().indexOf(after) : 0;
  const at = doc.getText().indexOf(text, from);
  assert.ok(at >= 0, `"${text}" is not in ${doc.uri.path}`);
  return doc.positionAt(at + 2);
}

describe('references across files', () => {
  afterEach(closeAllEditors);

  it('goes to the AnalysisTemplate in another file and finds the Rollout back', async function () {
    this.timeout(60_000);
    await (
      await api()
    ).templates.ready;
    const { doc: rollout } = await openAndLint(ROLLOUT);
    // Resolved through the workspace index: no unresolved-reference on the Rollout.
    await waitForDiagnostics(
      rollout.uri,
      (l) => !rulesOf(l).some((r) => r === 'canary/unresolved-reference' || r === 'canary/missing-template-arg'),
    );
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      rollout.uri,
      positionOf(rollout, 'checkout-success-rate', 'templateName'),
    );
    const targets = defs.map((d) =>
      'targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : d,
    );
    assert.deepEqual(
      targets.map((t) => [vscode.workspace.asRelativePath(t.uri), t.range.start.line]),
      [[TEMPLATES, 5]],
    );

    const templates = await vscode.workspace.openTextDocument(workspaceUri(TEMPLATES));
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      templates.uri,
      positionOf(templates, 'checkout-success-rate'),
    );
    assert.deepEqual(
      refs.map((r) => [vscode.workspace.asRelativePath(r.uri), r.range.start.line]).sort(),
      [
        [ROLLOUT, 14],
        [TEMPLATES, 5],
      ].sort(),
    );
  });

  it('re-checks the Rollout when its template loses an arg default, and again when it is restored', async function () {
    this.timeout(60_000);
    await (
      await api()
    ).templates.ready;
    const { doc: rollout } = await openAndLint(ROLLOUT);
    await waitForDiagnostics(rollout.uri, (l) => !rulesOf(l).includes('canary/missing-template-arg'));
    const { doc: templates, editor } = await openAndLint(TEMPLATES);
    const line = templates
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('value: http://prometheus.monitoring:9090'));
    assert.ok(line > 0);
    const range = templates.lineAt(line).rangeIncludingLineBreak;
    const removed = templates.getText(range);
    assert.ok(await editor.edit((e) => e.delete(range)));
    const broken = await waitForDiagnostics(rollout.uri, (l) => rulesOf(l).includes('canary/missing-template-arg'));
    const finding = broken.find((d) => rulesOf([d])[0] === 'canary/missing-template-arg')!;
    assert.match(finding.message, /needs arg "prometheus-address"/);
    assert.equal(finding.range.start.line, 14, 'on the templateName of the Rollout');
    assert.equal(rollout.isDirty, false, 'the Rollout itself was not edited');
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(line, 0), removed)));
    await waitForDiagnostics(rollout.uri, (l) => !rulesOf(l).includes('canary/missing-template-arg'));
    assert.deepEqual(
      rulesOf(ours(rollout.uri)).filter((r) => r.startsWith('canary/missing-template-arg')),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
