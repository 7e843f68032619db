/**
 * From a synthetic file to a human being paged, with real parts on loopback: `release-safety
 * monitor` runs two journeys (one against a healthy local endpoint, one against a failing one)
 * and serves metrics; a real Prometheus scrapes it and evaluates the rules `release-safety export
 * prometheus-rules` wrote (promtool accepts them); a real Alertmanager delivers the failing
 * journey's alert to a local webhook with the journey and channel labels; the healthy one never fires.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { hasPrometheus, startPrometheus, waitForData } from '../canary/prometheusServer';
import { hasAlertmanager, startAlertmanager } from './alertmanager';

const PROMTOOL = '/usr/bin/promtool';
const skip =
  hasPrometheus && hasAlertmanager
    ? false
    : 'prometheus and prometheus-alertmanager are not installed (scripts/ensure-system-deps.sh installs them)';

async function listen(handler: (req: IncomingMessage, body: string) => [number, string]) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const [status, text] = handler(req, body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

test(
  'monitor -> Prometheus rules -> Alertmanager -> webhook: the failing journey pages, the healthy one does not',
  { skip, timeout: 240_000 },
  async (t) => {
    const service = await listen((req) =>
      req.url === '/healthy' ? [200, '{"status":"ok"}'] : [503, '{"status":"down"}'],
    );
    t.after(() => service.close());
    const delivered: Array<Record<string, string>> = [];
    const webhook = await listen((_req, body) => {
      for (const a of (JSON.parse(body) as { alerts: Array<{ labels: Record<string, string> }> }).alerts)
        delivered.push(a.labels);
      return [200, '{}'];
    });
    t.after(() => webhook.close());

    const dir = mkdtempSync(join(tmpdir(), 'rs-monitor-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'synthetic.yaml'),
      `synthetic:
  base_url: ${service.url}
  frequency: 1s
  locations: [lab-1, lab-2]
  alerts:
    - channel: pagerduty:web-oncall
  journeys:
    - name: healthy endpoint
      steps:
        - request: GET /healthy
          expect: { status: 200 }
    - name: broken endpoint
      alerts:
        - channel: slack:#web-alerts
        - channel: pagerduty:web-oncall
      steps:
        - request: GET /broken
          expect: { status: 200 }
`,
    );
    const cli = (args: string[], signal?: AbortSignal, onOut?: (s: string) => void) => {
      let out = '';
      let err = '';
      const done = main(args, {
        out: (s) => ((out += s), onOut?.(s)),
        err: (s) => (err += s),
        cwd: dir,
        env: {},
        isTTY: false,
        ...(signal ? { signal } : {}),
      });
      return { done, output: () => ({ out, err }) };
    };

    // The rules: written by export, accepted by promtool.
    const exported = cli(['export', 'prometheus-rules', 'synthetic.yaml', '--output', 'rules.yml']);
    assert.equal(await exported.done, 0, exported.output().err);
    const check = spawnSync(PROMTOOL, ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
    assert.match(check.stdout, /SUCCESS: 4 rules found/);

    // The monitor, on a port from the OS.
    const stop = new AbortController();
    let served = '';
    const monitor = cli(
      ['monitor', 'synthetic.yaml', '--listen', '127.0.0.1:0', '--location', 'lab-1'],
      stop.signal,
      (s) => (served += s),
    );
    t.after(async () => {
      stop.abort();
      await monitor.done;
    });
    const deadline = Date.now() + 30_000;
    while (!/Serving metrics on (http:\/\/\S+)/.test(served) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const metricsUrl = /Serving metrics on (http:\/\/\S+)/.exec(served)?.[1];
    assert.ok(metricsUrl, `the monitor says where it serves:\n${served}${monitor.output().err}`);

    const am = await startAlertmanager(`${webhook.url}/alerts`);
    t.after(() => am.stop());
    const prom = await startPrometheus([{ address: new URL(metricsUrl!).host, labels: { role: 'synthetic' } }], {
      ruleFiles: [join(dir, 'rules.yml')],
      alertmanager: am.address,
    });
    t.after(() => prom.stop());
    await waitForData(prom.url, 'release_safety_journey_success{journey="broken endpoint"} == 0');
    await waitForData(prom.url, 'release_safety_journey_success{journey="healthy endpoint"} == 1');

    // Bounded wait for the page to arrive.
    const until = Date.now() + 90_000;
    while (!delivered.some((l) => l.journey === 'broken endpoint') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 250));
    const page = delivered.find((l) => l.journey === 'broken endpoint');
    assert.ok(
      page,
      `the failing journey's alert reached the webhook (got ${JSON.stringify(delivered)})\n${am.log()}\n${prom.log()}`,
    );
    assert.equal(page!.alertname, 'SyntheticJourneyFailing');
    assert.equal(page!.slack, '#web-alerts');
    assert.equal(page!.pagerduty, 'web-oncall');
    assert.equal(page!.location, 'lab-1');
    assert.equal(page!.file, 'synthetic.yaml');
    assert.ok(!delivered.some((l) => l.journey === 'healthy endpoint'), 'the healthy journey never pages');

    // The served metrics, as a scraper reads them.
    const body = await (await fetch(metricsUrl!)).text();
    assert.match(
      body,
      /^release_safety_journey_success\{journey="healthy endpoint",file="synthetic.yaml",location="lab-1"\} 1$/m,
    );
    assert.match(
      body,
      /^release_safety_journey_runs_total\{journey="broken endpoint",file="synthetic.yaml",location="lab-1",result="failed"\} [1-9]\d*$/m,
    );
    assert.match(body, /^# TYPE release_safety_step_duration_seconds gauge$/m);

    stop.abort();
    assert.equal(await monitor.done, 0, 'the monitor stops cleanly');
    assert.match(monitor.output().out, /Stopped\.\n$/);
  },
);
