/**
 * Starts Debian's /usr/bin/prometheus on 127.0.0.1 (a free port, a temporary TSDB) scraping the
 * given targets every second, and stops it again. For integration tests only.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { answers, startDaemon } from '../support/daemon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './fixtureExporter';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const hasPrometheus = existsSync(PROMETHEUS_BIN);

export interface RunningPrometheus {
  url: string;
  log: () => string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** Alerting rule files to load (`rule_files`), evaluated every second. */
  ruleFiles?: string[];
  /** An Alertmanager (host:port) to send firing alerts to. */
  alertmanager?: string;
  /** The text of a --web.config.file (e.g. basic_auth_users), for a Prometheus behind authentication. */
  webConfig?: string;
  /** Headers the readiness check sends (the credentials of webConfig). */
  headers?: Record<string, string>;
}

export async function startPrometheus(
  targets: { address: string; labels: Record<string, string> }[],
  options: PrometheusOptions = {},
): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-prom-'));
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    ...(options.ruleFiles?.length ? ['rule_files:', ...options.ruleFiles.map((f) => `  - '${f}'`)] : []),
    ...(options.alertmanager
      ? ['alerting:', '  alertmanagers:', '    - static_configs:', `        - targets: ['${options.alertmanager}']`]
      : []),
    'scrape_configs:',
    '  - job_name: demo',
    '    scrape_interval: 1s',
    '    scrape_timeout: 900ms',
    '    static_configs:',
    ...targets.flatMap((t) => [
      `      - targets: ['${t.address}']`,
      '        labels:',
      ...Object.entries(t.labels).map(([k, v]) => `          ${k}: '${v}'`),
    ]),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), config);
  if (options.webConfig !== undefined) writeFileSync(join(dir, 'web.yml'), options.webConfig);
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const daemon = await startDaemon({
    name: 'prometheus',
    command: PROMETHEUS_BIN,
    args: [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      '--storage.tsdb.retention.time=1h',
      ...(options.webConfig !== undefined ? [`--web.config.file=${join(dir, 'web.yml')}`] : []),
    ],
    dir,
    // Bounded wait until it serves queries.
    ready: answers(`${url}/-/ready`, options.headers ?? {}),
    timeoutMs: 60_000,
  });
  return { url, ...daemon };
}

/** Waits (bounded) until an instant query returns at least one series. */
export async function waitForData(
  url: string,
  query: string,
  timeoutMs = 60_000,
  headers: Record<string, string> = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`, {
        signal: AbortSignal.timeout(2000),
        headers,
      });
      const body = (await r.json()) as { data?: { result?: unknown[] } };
      if ((body.data?.result?.length ?? 0) > 0) return;
    } catch {
      // keep waiting
    }
    if (Date.now() > deadline) throw new Error(`no data for ${query} after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
