/**
 * `release-safety analyze` against a real Prometheus (Debian's) scraping a local exporter whose
 * series carry Istio's and Argo's example names: passing and failing analyses in both formats
 * for a template, a Rollout (its argument from the Rollout) and a Flagger Canary (built-ins and a
 * MetricTemplate); empty and NaN answers; a missing argument; Prometheus gone mid-way and after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { hasPrometheus, startPrometheus, waitForData } from '../canary/prometheusServer';
import { startMeshExporter, type Workload } from './meshExporter';
import {
  ARGO_TEMPLATE,
  FLAGGER_CANARY,
  METRIC_TEMPLATE,
  NO_DATA_TEMPLATE,
  ROLLOUT,
  writeAnalysisFiles,
} from './analyzeFiles';

const skip = hasPrometheus ? false : '/usr/bin/prometheus is not installed (scripts/ensure-system-deps.sh installs it)';

async function analyze(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIO = { out: (s) => (out += s), err: (s) => (err += s), cwd, env: {}, isTTY: false };
  const code = await main(['analyze', ...args], io);
  return { code, out, err };
}

const json = (out: string) =>
  JSON.parse(out) as {
    verdict: string;
    kind: string;
    name: string;
    metrics: {
      name: string;
      phase: string;
      value: number | null;
      values: (number | null)[];
      condition: string;
      message: string;
      query: string;
    }[];
  };

test(
  'analyze against a real Prometheus: pass, fail, no data, missing argument, Prometheus gone',
  { skip, timeout: 240_000 },
  async (t) => {
    const podinfo: Workload = { namespace: 'test', name: 'podinfo', rps: 200, errorRate: 0.2, latencyMs: 40 };
    const idle: Workload = { namespace: 'test', name: 'idle', rps: 0, errorRate: 0, latencyMs: 10 };
    const exporter = await startMeshExporter([podinfo, idle]);
    t.after(() => exporter.close());
    const prom = await startPrometheus([{ address: exporter.address, labels: {} }]);
    t.after(() => prom.stop());
    await waitForData(
      prom.url,
      'count_over_time(istio_requests_total{destination_workload="podinfo",response_code="200",reporter="source"}[10s]) >= 4',
    );

    const dir = writeAnalysisFiles(prom.url, {
      'template.yaml': ARGO_TEMPLATE,
      'rollout.yaml': ROLLOUT,
      'no-data.yaml': NO_DATA_TEMPLATE,
      'canary.yaml': FLAGGER_CANARY,
      'metric-template.yaml': METRIC_TEMPLATE,
    });
    t.after(() => rmSync(dir, { recursive: true, force: true }));

    await t.test(
      'passing: a template with --arg, a Rollout with its own argument, a Flagger Canary; text and JSON',
      async () => {
        const text = await analyze(dir, 'template.yaml', '--arg', 'service-name=podinfo.test.svc.cluster.local');
        assert.equal(text.code, 0, text.out + text.err);
        assert.match(text.out, /success-rate: Successful/);
        assert.match(text.out, /condition  result\[0\] >= 0.95/);
        assert.match(
          text.out,
          /the run takes 5 measurements every 1m, and it fails, and the rollout aborts, after 2 failed measurements \(failureLimit 1\)/,
        );
        assert.match(text.out, /Verdict: Successful/);

        const rollout = await analyze(dir, 'rollout.yaml', '--format', 'json');
        assert.equal(rollout.code, 0, rollout.out + rollout.err);
        const r = json(rollout.out);
        assert.equal(r.kind, 'AnalysisTemplate');
        assert.equal(r.verdict, 'Successful');
        const sr = r.metrics.find((m) => m.name === 'success-rate')!;
        assert.ok(sr.value! > 0.99 && sr.value! <= 1, `success rate ${sr.value}`);
        assert.match(
          sr.query,
          /destination_service=~"podinfo\.test\.svc\.cluster\.local"/,
          'the argument came from the Rollout',
        );

        const canary = await analyze(dir, 'canary.yaml', '--format', 'json');
        assert.equal(canary.code, 0, canary.out + canary.err);
        const c = json(canary.out);
        assert.equal(c.kind, 'Canary');
        assert.deepEqual(
          c.metrics.map((m) => m.phase),
          ['Successful', 'Successful', 'Successful'],
        );
        const duration = c.metrics.find((m) => m.name === 'request-duration')!;
        assert.ok(
          duration.value! > 25 && duration.value! <= 50,
          `p99 in ms within the 25..50 bucket: ${duration.value}`,
        );
        assert.match(
          c.metrics[0].query,
          /istio_requests_total\{reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo", response_code!~"5\.\*"\}\[10s\]/,
        );
        const canaryText = await analyze(dir, 'canary.yaml');
        assert.match(canaryText.out, /request-success-rate: Successful[\s\S]*condition  value >= 99/);
      },
    );

    await t.test('failing: the error rate rises to 20%', async () => {
      podinfo.errorRate = 20;
      await waitForData(
        prom.url,
        'sum(rate(istio_requests_total{destination_workload="podinfo",response_code="500",reporter="source"}[10s])) / sum(rate(istio_requests_total{destination_workload="podinfo",reporter="source"}[10s])) > 0.15',
      );
      const text = await analyze(dir, 'rollout.yaml');
      assert.equal(text.code, 1, text.out + text.err);
      assert.match(text.out, /\[FAIL\] success-rate: Failed/);
      assert.match(text.out, /\[FAIL\] error-count: Failed/);
      assert.match(
        text.out,
        /from Rollout podinfo, step 2 analysis; args service-name=podinfo\.test\.svc\.cluster\.local/,
      );
      const j = json(
        (
          await analyze(
            dir,
            'template.yaml',
            '--arg',
            'service-name=podinfo.test.svc.cluster.local',
            '--format',
            'json',
          )
        ).out,
      );
      assert.equal(j.verdict, 'Failed');
      assert.ok(j.metrics[0].value! < 0.9);

      const canary = await analyze(dir, 'canary.yaml', '--format', 'json');
      assert.equal(canary.code, 1);
      const c = json(canary.out);
      assert.equal(c.verdict, 'Failed');
      assert.equal(c.metrics[0].phase, 'Failed');
      assert.match(c.metrics[0].message, /below the minimum 99/);
      assert.equal(c.metrics[2].phase, 'Failed', 'the MetricTemplate sees the errors too');
      const canaryText = await analyze(dir, 'canary.yaml');
      assert.match(canaryText.out, /halts advancement and counts a failed check; it rolls back after 5 failed checks/);
      podinfo.errorRate = 0.2;
    });

    await t.test('an empty vector and NaN are Inconclusive, never Successful', async () => {
      const r = await analyze(dir, 'no-data.yaml', '--format', 'json');
      assert.equal(r.code, 3, r.out + r.err);
      const j = json(r.out);
      assert.equal(j.verdict, 'Inconclusive');
      const empty = j.metrics.find((m) => m.name === 'empty')!;
      const nan = j.metrics.find((m) => m.name === 'nan')!;
      assert.equal(empty.phase, 'Inconclusive');
      assert.deepEqual(empty.values, []);
      assert.match(empty.message, /no data \(an empty result\); Argo would record Successful/);
      assert.equal(nan.phase, 'Inconclusive');
      assert.equal(nan.value, null);
      assert.deepEqual(nan.values, [null]);
      assert.match(nan.message, /NaN.*Argo would record Successful/);
    });

    await t.test('a missing argument is a config error that names it; nothing is queried', async () => {
      const counter = await countingServer();
      try {
        const r = await analyze(dir, 'template.yaml', '--prometheus', counter.url);
        assert.equal(r.code, 2);
        assert.match(r.err, /argument "service-name" has no value; pass --arg service-name=VALUE/);
        assert.equal(r.out, '');
        assert.equal(counter.requests(), 0, 'no query was sent');
      } finally {
        await counter.close();
      }
    });

    await t.test('Prometheus stops answering mid-way: exit 3 and a plain message', async () => {
      // A real TCP proxy to Prometheus that lets the first query through, then drops every connection.
      const proxy = await cuttingProxy(new URL(prom.url).port, 1);
      try {
        const r = await analyze(dir, 'canary.yaml', '--prometheus', proxy.url);
        assert.equal(r.code, 3, r.out + r.err);
        assert.match(r.err, /Prometheus did not answer: .*(closed the connection|connection refused)/);
        assert.doesNotMatch(r.err + r.out, /at .*\.ts:\d+|TypeError|Error:/);
      } finally {
        await proxy.close();
      }
      await prom.stop();
      const after = await analyze(dir, 'rollout.yaml');
      assert.equal(after.code, 3);
      assert.match(
        after.err,
        /Prometheus did not answer: Could not connect to .* \(connection refused\).*kubectl port-forward svc\/prometheus 9090/,
      );
    });
  },
);

async function countingServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((_req, res) => {
    n++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function cuttingProxy(
  targetPort: string,
  passThrough: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (++connections > passThrough) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(targetPort), '127.0.0.1');
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
