/**
 * Starts Debian's Alertmanager (/usr/bin/prometheus-alertmanager) on 127.0.0.1 with one route
 * to a webhook receiver the test runs, and stops it again. For integration tests only.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { answers, startDaemon } from '../support/daemon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../canary/fixtureExporter';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
export const hasAlertmanager = existsSync(ALERTMANAGER_BIN);

export interface RunningAlertmanager {
  /** host:port, for Prometheus' alerting config. */
  address: string;
  log: () => string;
  stop(): Promise<void>;
}

export async function startAlertmanager(webhookUrl: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-am-'));
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    [
      'route:',
      '  receiver: webhook',
      '  group_by: [alertname, journey]',
      '  group_wait: 1s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: webhook',
      '    webhook_configs:',
      `      - url: '${webhookUrl}'`,
      '        send_resolved: false',
      '',
    ].join('\n'),
  );
  const port = await closedPort();
  const clusterPort = await closedPort();
  const daemon = await startDaemon({
    name: 'alertmanager',
    command: ALERTMANAGER_BIN,
    args: [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // No gossip: a single local instance, and no traffic off this machine.
      `--cluster.listen-address=`,
      `--cluster.advertise-address=127.0.0.1:${clusterPort}`,
      '--log.level=warn',
    ],
    dir,
    ready: answers(`http://127.0.0.1:${port}/-/ready`),
    timeoutMs: 60_000,
  });
  return { address: `127.0.0.1:${port}`, ...daemon };
}
