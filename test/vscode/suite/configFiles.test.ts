/// <reference types="mocha" />
/**
 * `.release-safety.yaml` as a user meets it in a real VS Code: its `exclude` is matched exactly as
 * the CLI matches it, and creating, editing or deleting it while files are open changes their
 * diagnostics and the journeys' refusals at once (one resolver for the editor, the Test Explorer
 * and the CLI). Each test writes its own folder and removes it.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, closeAllEditors, nextLint, openAndLint, ours, waitForDiagnostics, workspaceUri } from '../helpers';
import type { RecordedState } from '../../../src/extension/journeys/journeyTests';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
/** A canary with a duplicate key: a yaml/syntax error and nothing else. */
const BROKEN_CANARY =
  'canary:\n  service: payments\n  steps: [1, 5, 25, 50, 100]\n  interval: 5m\n  interval: 10m\n  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n  on_failure: rollback\n  alerts:\n    - channel: pagerduty:payments\n';

async function write(rel: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

describe('.release-safety.yaml in the editor', () => {
  const made: string[] = [];
  afterEach(async () => {
    await closeAllEditors();
    for (const rel of made.splice(0))
      await vscode.workspace.fs
        .delete(workspaceUri(rel), { recursive: true, useTrash: false })
        .then(undefined, () => undefined);
  });

  it('exclude: [vendor] leaves vendor/x.yaml unchecked, as the CLI does, and nothing else', async () => {
    made.push('cfg-exclude');
    await write('cfg-exclude/.release-safety.yaml', 'exclude: [vendor]\n');
    const vendored = await write('cfg-exclude/vendor/x.yaml', BROKEN_CANARY);
    const own = await write('cfg-exclude/app/x.yaml', BROKEN_CANARY);
    const mine = await openAndLint('cfg-exclude/app/x.yaml');
    assert.equal(mine.event.ours, true);
    await waitForDiagnostics(own, (l) => l.some((d) => codeOf(d) === 'yaml/syntax'));
    const theirs = await openAndLint('cfg-exclude/vendor/x.yaml');
    assert.equal(theirs.event.ours, false, 'the excluded file is not ours');
    assert.deepEqual(ours(vendored), []);
    // Lint Workspace reads the same resolver: still nothing for the vendored file.
    await closeAllEditors();
    const { diagnostics, lintWorkspace } = await api();
    try {
      await lintWorkspace();
      assert.deepEqual(ours(vendored), []);
      assert.ok(ours(own).length > 0, 'the file outside vendor/ is reported by Lint Workspace');
    } finally {
      // Leave the Problems panel as the other suites expect it: nothing for files not open.
      diagnostics.workspaceLinted = false;
      diagnostics.forgetClosedFilesExcept(new Set());
    }
  });

  it('follows a config created, edited and deleted while files are open', async () => {
    made.push('cfg-live');
    const canary = await write('cfg-live/canary.yaml', BROKEN_CANARY);
    const { doc } = await openAndLint('cfg-live/canary.yaml');
    await waitForDiagnostics(canary, (l) =>
      l.some((d) => codeOf(d) === 'yaml/syntax' && d.severity === vscode.DiagnosticSeverity.Error),
    );

    // Created: its severity applies.
    let linted = nextLint(doc.uri);
    const cfg = await write('cfg-live/.release-safety.yaml', 'rules:\n  yaml/syntax: warning\n');
    await linted;
    await waitForDiagnostics(canary, (l) =>
      l.some((d) => codeOf(d) === 'yaml/syntax' && d.severity === vscode.DiagnosticSeverity.Warning),
    );

    // Edited to exclude the open file: its diagnostics go, and it is no longer ours.
    await write('cfg-live/.release-safety.yaml', 'exclude: ["canary.yaml"]\n');
    await waitForDiagnostics(canary, (l) => l.length === 0);
    const { diagnostics } = await api();
    assert.equal(diagnostics.lastLint.get(canary.toString())?.ours, false);

    // Edited in an editor and saved: the save is enough.
    const cfgDoc = await vscode.workspace.openTextDocument(cfg);
    await vscode.window.showTextDocument(cfgDoc, { preview: false });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cfg, new vscode.Range(0, 0, cfgDoc.lineCount, 0), 'rules:\n  yaml/syntax: info\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    linted = nextLint(doc.uri);
    assert.ok(await cfgDoc.save());
    await linted;
    await waitForDiagnostics(canary, (l) =>
      l.some((d) => codeOf(d) === 'yaml/syntax' && d.severity === vscode.DiagnosticSeverity.Information),
    );

    // Deleted: back to the defaults.
    linted = nextLint(doc.uri);
    await vscode.workspace.fs.delete(cfg);
    await linted;
    await waitForDiagnostics(canary, (l) =>
      l.some((d) => codeOf(d) === 'yaml/syntax' && d.severity === vscode.DiagnosticSeverity.Error),
    );
  });

  it('the journeys read the same config: a rule raised to error after the file was opened refuses the run', async () => {
    made.push('cfg-journeys');
    const server = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { journeys, diagnostics } = await api();
    const recorded: RecordedState[] = [];
    const sub = journeys.onDidRecord((r) => recorded.push(r));
    try {
      // One location: synthetic/single-location, an info by default, never blocks a run.
      const text = `synthetic:\n  base_url: ${base}\n  alerts:\n    - channel: slack:#checks\n  journeys:\n    - name: health\n      steps:\n        - request: GET /health\n          expect: { status: 200 }\n`;
      const uri = await write('cfg-journeys/journeys.yaml', text);
      await openAndLint('cfg-journeys/journeys.yaml');
      await journeys.discover(uri);
      await journeys.consent.allow([new URL(base).host]);
      assert.equal((await journeys.runJourney(uri, 0, 0))?.status, 'passed');

      const relinted = nextLint(uri);
      await write('cfg-journeys/.release-safety.yaml', 'rules:\n  synthetic/single-location: error\n');
      await relinted;
      assert.ok(diagnostics.configs.forUri(uri), 'the editor sees the new file');
      recorded.length = 0;
      await journeys.runJourney(uri, 0, 0);
      const refused = recorded.find((r) => r.id === `${uri.toString()}#0/0` && r.state !== 'started');
      assert.ok(refused, JSON.stringify(recorded));
      assert.equal(refused.state, 'errored', 'a refusal is an error of the run, not a failed check');
      assert.match(refused.message ?? '', /^Not run: .*synthetic\/single-location/);
    } finally {
      sub.dispose();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
