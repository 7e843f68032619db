/// <reference types="mocha" />
/**
 * The Canary view, the watch controller and the status bar inside the real VS Code.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, sleep, workspaceUri } from '../helpers';
import { startDemoServices } from '../../../src/demo/demoServices';

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

  it("the status bar goes from healthy to breach when the demo canary's error rate rises", async function () {
    this.timeout(90_000);
    const { canary } = await api();
    // The demo services of `npm start`, on free ports of 127.0.0.1, in this extension host.
    const demo = await startDemoServices({ stablePort: 0, canaryPort: 0 });
    const config = workspaceUri('fixtures/live-canary.yaml');
    const settings = vscode.workspace.getConfiguration('releaseSafety');
    try {
      await vscode.workspace.fs.writeFile(
        config,
        new TextEncoder().encode(
          [
            'canary:',
            '  service: checkout',
            '  steps: [1, 5, 25, 50, 100]',
            '  interval: 1m',
            '  metrics:',
            '    - name: error-rate',
            '      threshold: "<= 2%"',
            '  on_failure: rollback',
            '  min_requests: 10',
            '  alerts: [{ channel: "slack:#checkout-deploys" }]',
            '  source:',
            '    scrape:',
            `      canary: ${demo.canary.metricsUrl}`,
            `      baseline: ${demo.stable.metricsUrl}`,
            '',
          ].join('\n'),
        ),
      );
      await settings.update('pollInterval', 1, vscode.ConfigurationTarget.Workspace);
      assert.equal(await canary.controller.watch(config), undefined, 'watching starts');
      assert.match(canary.statusBar()?.text ?? '', /^\$\(pulse\) checkout · waiting for data$/);
      const healthy = await until(
        'a healthy reading',
        () => canary.statusBar()?.text.endsWith('· healthy') && canary.statusBar(),
        30_000,
      );
      assert.equal(healthy.text, '$(pulse) checkout 25% · healthy');
      assert.equal(healthy.tone, 'none');
      const snapshot = canary.controller.snapshot();
      assert.deepEqual(
        snapshot.watch?.reading?.gates.map((g) => [g.name, g.phase]),
        [['error-rate', 'pass']],
      );
      assert.equal(snapshot.watch?.reading?.staircase.current, 2);

      const res = await fetch(`${demo.canary.url}/control/error-rate?value=12`, { method: 'POST' });
      assert.equal(res.status, 200);
      const breach = await until(
        'a breach after the error rate rose',
        () => canary.statusBar()?.text.endsWith('· breach') && canary.statusBar(),
        30_000,
      );
      assert.equal(breach.text, '$(pulse) checkout 25% · breach');
      assert.equal(breach.tone, 'error');
      assert.match(breach.tooltip, /\| error\\-rate \| [\d\\.]+% \| [\d\\.]+% \| &lt;= 2% \| fail \|/, breach.tooltip);
      const gate = canary.controller.snapshot().watch?.reading?.gates[0];
      assert.ok(gate && gate.canary !== null && gate.canary > 2, `canary error rate ${gate?.canary}`);

      // Pause: no reading arrives and the status bar says so; resume: readings again.
      const readings: number[] = [];
      const sub = canary.controller.onDidRead((e) => readings.push(e.view.at));
      try {
        canary.controller.pause();
        assert.equal(canary.statusBar()?.text, '$(pulse) checkout 25% · breach, paused');
        assert.equal(canary.controller.snapshot().watch?.paused, true);
        await sleep(3000);
        assert.deepEqual(readings, [], 'no reading while paused (poll interval 1 s)');
        canary.controller.resume();
        await until('a reading after resuming', () => readings.length > 0, 20_000);
        assert.equal(canary.controller.snapshot().watch?.paused, false);
      } finally {
        sub.dispose();
      }
    } finally {
      canary.controller.stop();
      await settings.update('pollInterval', undefined, vscode.ConfigurationTarget.Workspace);
      await demo.close();
      await vscode.workspace.fs.delete(config);
    }
    assert.equal(canary.statusBar(), undefined, 'hidden once nothing is watched');
  });
});
