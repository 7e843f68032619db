/// <reference types="mocha" />
/**
 * The Canary view, the watch controller and the status bar inside the real VS Code.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, sleep, workspaceUri } from '../helpers';

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe('canary panel', () => {
  it('the Canary view resolves when focused, in the Release Safety container', async () => {
    const { canary } = await api();
    await vscode.commands.executeCommand('releaseSafety.canary.focus');
    await until('the Canary webview view to resolve', () => canary.view.isResolved);
  });

  it('lists the native canary configs of the workspace, and nothing is shown in the status bar while nothing is watched', async () => {
    const { canary } = await api();
    await canary.controller.refreshConfigs();
    const labels = canary.controller.snapshot().configs.map((c) => c.label);
    assert.ok(labels.includes('fixtures/native-canary.yaml'), `listed: ${labels.join(', ')}`);
    assert.ok(!labels.some((l) => l.includes('k8s-deployment')), 'a plain Kubernetes file is not a canary');
    assert.equal(canary.statusBar(), undefined);
  });

  it('refuses to watch a canary without a source, and says what to add', async () => {
    const { canary } = await api();
    const problem = await canary.controller.watch(workspaceUri('fixtures/native-canary.yaml'));
    assert.match(problem ?? '', /has no source: add source\.scrape/);
    assert.equal(canary.controller.watched, undefined);
  });
});
