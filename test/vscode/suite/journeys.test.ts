/// <reference types="mocha" />
/**
 * Synthetic journeys in the real VS Code: a file's journeys and steps appear as test items with
 * ranges; running one against a local server (started here, on 127.0.0.1) records pass and fail,
 * with the failure message at the failing expectation's line; secrets come from SecretStorage.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, closeAllEditors, sleep, workspaceUri } from '../helpers';
import type { RecordedState } from '../../../src/extension/journeys/journeyTests';

let server: http.Server;
let base = '';
const seenAuth: string[] = [];

describe('synthetic journeys in the Test Explorer', () => {
  before(async () => {
    server = http.createServer((req, res) => {
      seenAuth.push(String(req.headers.authorization ?? ''));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'ok', version: '1.2.3' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await closeAllEditors();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('shows journeys and steps, and records pass and fail at the right line', async () => {
    const { journeys } = await api();
    const text = `synthetic:
  base_url: ${base}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: health is ok
      steps:
        - request: GET /api/health
          headers: { Authorization: "Bearer \${secret:EDITOR_TEST_TOKEN}" }
          expect: { status: 200, json: { "$.status": ok } }
    - name: version is 2
      steps:
        - request: GET /api/version
          expect:
            status: 200
            json: { "$.version": "2.0.0" }
`;
    const uri = workspaceUri('journeys-editor.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const file = await journeys.discover(uri);
    assert.ok(file, 'the file is a test item');
    const names: string[] = [];
    file.children.forEach((j) => names.push(j.label));
    assert.deepEqual(names.sort(), ['health is ok', 'version is 2']);
    let versionItem: vscode.TestItem | undefined;
    file.children.forEach((j) => {
      if (j.label === 'version is 2') versionItem = j;
    });
    assert.equal(versionItem!.range?.start.line, 10, 'the journey item starts at its name');
    const steps: string[] = [];
    versionItem!.children.forEach((s) => steps.push(s.label));
    assert.deepEqual(steps, ['GET /api/version']);

    // No modal and no input box in a test: the host is allowed and the secret stored beforehand.
    await journeys.consent.allow([new URL(base).host]);
    await journeys.secrets.store('EDITOR_TEST_TOKEN', 'editor-secret-123');
    const recorded: RecordedState[] = [];
    const sub = journeys.onDidRecord((r) => recorded.push(r));
    try {
      const ok = await vscode.commands.executeCommand<{ status: string } | undefined>(
        'releaseSafety.runJourney',
        uri,
        'health is ok',
        0,
        0,
      );
      assert.equal(ok?.status, 'passed');
      assert.equal(seenAuth.at(-1), 'Bearer editor-secret-123', 'the secret came from SecretStorage');
      const bad = await journeys.runJourney(uri, 1, 0);
      assert.equal(bad?.status, 'failed');
    } finally {
      sub.dispose();
    }
    const healthId = `${uri.toString()}#0/0`;
    const versionId = `${uri.toString()}#0/1`;
    assert.ok(
      recorded.some((r) => r.id === healthId && r.state === 'passed'),
      JSON.stringify(recorded),
    );
    const failed = recorded.find((r) => r.id === versionId && r.state === 'failed');
    assert.ok(failed, JSON.stringify(recorded));
    assert.match(failed.message ?? '', /expected \$\.version to be "2\.0\.0", got "1\.2\.3"/);
    assert.equal(failed.line, 15, 'the message sits on the failing JSONPath line');
    assert.ok(!JSON.stringify(recorded).includes('editor-secret-123'), 'no secret in any message');
    await journeys.secrets.delete('EDITOR_TEST_TOKEN');
  });

  it("rebuilds a file's items once typing pauses: a journey typed in appears with its step", async () => {
    const { journeys } = await api();
    const uri = workspaceUri('journeys-typed.yaml');
    const text = `synthetic:\n  alerts: ["slack:#checks"]\n  journeys:\n    - name: first\n      steps:\n        - request: GET /a\n          expect: { status: 200 }\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const labels = () => {
      const out: string[] = [];
      journeys.controller.items
        .get(uri.toString())
        ?.children.forEach((j) => out.push(`${j.label}: ${j.children.size}`));
      return out;
    };
    const until = async (want: string[]) => {
      for (let i = 0; i < 300 && JSON.stringify(labels()) !== JSON.stringify(want); i++) await sleep(50);
      assert.deepEqual(labels(), want);
    };
    await until(['first: 1']);
    // Typed in three edits, as a person would: the tree follows the last one.
    for (const piece of ['    - name: second\n', '      steps:\n', '        - request: GET /b\n']) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, doc.positionAt(doc.getText().length), piece);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    await until(['first: 1', 'second: 1']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
