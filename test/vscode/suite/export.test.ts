/// <reference types="mocha" />
/**
 * Export as Argo Rollout / Flagger Canary / Alert Rules in the real VS Code: the result opens in
 * an untitled YAML editor beside the source, and our own checks find no error in it.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, closeAllEditors, workspaceUri } from '../helpers';

async function exportedBy(command: string, rel: string): Promise<vscode.TextDocument> {
  const opened = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(command, workspaceUri(rel));
  assert.ok(opened?.isUntitled, `${command} opened an untitled document`);
  assert.equal(vscode.window.activeTextEditor?.document, opened, 'and shows it');
  return opened!;
}

async function errorsOf(doc: vscode.TextDocument, ms = 20_000): Promise<vscode.Diagnostic[]> {
  // Wait until our linter has seen the document (it lints untitled YAML too), then read its errors.
  const deadline = Date.now() + ms;
  const ext = await api();
  while (Date.now() < deadline && ext.findingsOf(doc) === undefined) await new Promise((r) => setTimeout(r, 50));
  assert.ok(ext.findingsOf(doc) !== undefined, 'the exported document was linted');
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

describe('export commands', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAllEditors);

  it('Export as Argo Rollout: a Rollout and its AnalysisTemplate beside the canary, with no error', async () => {
    const doc = await exportedBy('releaseSafety.exportArgo', 'examples/canary-analysis.yaml');
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^kind: Rollout$/m);
    assert.match(doc.getText(), /^kind: AnalysisTemplate$/m);
    assert.equal(vscode.window.activeTextEditor?.viewColumn, vscode.ViewColumn.Two, 'opened beside the source');
    assert.deepEqual(
      (await errorsOf(doc)).map((d) => d.message),
      [],
    );
  });

  it('Export as Flagger Canary: a Canary and its MetricTemplates, with no error', async () => {
    const doc = await exportedBy('releaseSafety.exportFlagger', 'examples/canary-analysis.yaml');
    assert.match(doc.getText(), /^kind: Canary$/m);
    assert.match(doc.getText(), /^kind: MetricTemplate$/m);
    assert.deepEqual(
      (await errorsOf(doc)).map((d) => d.message),
      [],
    );
  });

  it("Export Alert Rules: one alert per journey, routed by the journeys' channels", async () => {
    const doc = await exportedBy('releaseSafety.exportAlertRules', 'examples/synthetic.yaml');
    assert.match(doc.getText(), /^groups:$/m);
    assert.match(doc.getText(), /alert: SyntheticJourneyFailing/);
    assert.match(doc.getText(), /pagerduty: web-oncall/);
  });
});
