/// <reference types="mocha" />
/**
 * "Check against Prometheus" on an AnalysisTemplate inside the real VS Code, against a real
 * Prometheus (Debian's) that this test starts, scraping a local exporter with Istio-named series.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, sleep, workspaceUri } from '../helpers';
import {
  hasPrometheus,
  startPrometheus,
  waitForData,
  type RunningPrometheus,
} from '../../integration/canary/prometheusServer';
import { startMeshExporter, type MeshExporter } from '../../integration/analysis/meshExporter';

const TEMPLATE = (prom: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
      value: podinfo.test.svc.cluster.local
  metrics:
    - name: success-rate
      successCondition: result[0] >= 0.95
      provider:
        prometheus:
          address: ${prom}
          query: |
            sum(rate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[10s])) /
            sum(rate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[10s]))
    - name: errors
      failureCondition: result[0] >= 10
      provider:
        prometheus:
          address: ${prom}
          query: sum(rate(http_requests_total{service="{{args.service-name}}",code=~"5.."}[10s]))
`;

describe('check against Prometheus', function () {
  let prom: RunningPrometheus | undefined;
  let exporter: MeshExporter | undefined;
  before(async function () {
    if (!hasPrometheus) this.skip();
  });
  after(async () => {
    await prom?.stop();
    await exporter?.close();
  });

  it('the CodeLens above a template metric shows its value, condition and phase', async function () {
    this.timeout(120_000);
    const { canary } = await api();
    const podinfo = { namespace: 'test', name: 'podinfo', rps: 200, errorRate: 0.5, latencyMs: 40 };
    exporter = await startMeshExporter([podinfo]);
    prom = await startPrometheus([{ address: exporter.address, labels: {} }]);
    await waitForData(
      prom.url,
      'count_over_time(istio_requests_total{reporter="source",response_code="200"}[10s]) >= 4',
    );

    const uri = workspaceUri('fixtures/analysis-template.yaml');
    // The file names an in-cluster address; the setting replaces it, as it would for a port-forward.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEMPLATE('http://prometheus.monitoring:9090')));
    const settings = vscode.workspace.getConfiguration('releaseSafety', uri);
    await settings.update('prometheusUrl', prom.url, vscode.ConfigurationTarget.Workspace);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const before = await lensTitles(uri);
      assert.deepEqual(before.filter((t) => t.includes('Check against Prometheus')).length, 2, before.join(' | '));

      const result = (await vscode.commands.executeCommand(
        'releaseSafety.checkAgainstPrometheus',
        uri,
        0,
        'success-rate',
      )) as { phase: string; value: number } | undefined;
      assert.equal(result?.phase, 'Successful', JSON.stringify(result));
      assert.ok(result!.value > 0.95 && result!.value <= 1);
      const after = await until('the lens to show the result', async () => {
        const titles = await lensTitles(uri);
        return titles.some((t) => /Successful: 0\.99\d* · result\[0\] >= 0\.95/.test(t)) ? titles : undefined;
      });
      assert.ok(after.includes('Check again'), after.join(' | '));
      assert.deepEqual(
        canary.checks.latest().map((c) => [c.name, c.phase]),
        [['success-rate', 'Successful']],
      );
      assert.deepEqual(
        canary.controller.snapshot().checks?.map((c) => [c.name, c.file, c.phase]),
        [['success-rate', 'fixtures/analysis-template.yaml', 'Successful']],
        'the Canary view lists the check',
      );

      // The error rate rises: the same lens turns to Failed.
      podinfo.errorRate = 30;
      await waitForData(prom.url, 'sum(rate(http_requests_total{code="500"}[10s])) >= 10');
      const failed = (await vscode.commands.executeCommand(
        'releaseSafety.checkAgainstPrometheus',
        uri,
        0,
        'errors',
      )) as { phase: string } | undefined;
      assert.equal(failed?.phase, 'Failed');
      await until('the errors lens to say Failed', async () =>
        (await lensTitles(uri)).some((t) => /Failed: \d+(\.\d+)? · failure: result\[0\] >= 10/.test(t))
          ? true
          : undefined,
      );
    } finally {
      await settings.update('prometheusUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}
