/**
 * `release-safety monitor FILE [--listen HOST:PORT] [--every DURATION] [--env-file FILE] [--location NAME]`:
 * runs the journeys of a synthetic file again and again, each on its frequency, and serves their
 * results as Prometheus metrics at /metrics. The same refusals as `run` apply before anything is
 * sent (exit 2). Stops cleanly on SIGINT / SIGTERM (exit 0). See docs/monitor.md.
 */
import { createServer, type Server } from 'node:http';
import { defineCommand, parseCommandArgs, UsageError } from '../args';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { prepareJourneys } from '../journeys/prepareJourneys';
import { parseDuration, formatDuration } from '../../core/model/duration';
import { Redactor } from '../../core/journey/redact';
import { checkJourneyVariables, secretNames } from '../../core/journey/variables';
import { JourneyMetrics } from '../../core/monitor/journeyMetrics';
import { monitorJourneys, periodOf } from '../../core/monitor/monitorJourneys';
import { NETWORK_OPTIONS, NETWORK_USAGE, networkFromArgs } from '../networkOptions';

export const MONITOR_COMMAND = defineCommand({
  name: 'monitor',
  usage: `Usage: release-safety monitor FILE [--listen HOST:PORT] [--every DURATION] [--env-file FILE] [--location NAME] [--cacert FILE]
  FILE          a synthetic journeys file (a YAML document with a top-level "synthetic:" key)
  --listen      where to serve Prometheus metrics at /metrics (default 127.0.0.1:9464)
  --every       run every journey this often instead of its frequency (e.g. 10s, for trials)
  --env-file    KEY=VALUE lines (dotenv syntax) for \${env:..} and \${secret:..}; the environment wins
  --location    the "location" label of the metrics (default: RELEASE_SAFETY_LOCATION, else "local")
${NETWORK_USAGE}
Stops on Ctrl+C or SIGTERM. Exit codes: 0 stopped cleanly, 2 usage or config error (nothing is run).`,
  options: {
    listen: { type: 'string' },
    every: { type: 'string' },
    'env-file': { type: 'string' },
    location: { type: 'string' },
    ...NETWORK_OPTIONS,
  },
  maxPositionals: 1,
});

export const DEFAULT_LISTEN = '127.0.0.1:9464';

export async function monitorCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommandArgs(MONITOR_COMMAND, args);
  if (help) {
    io.out(`${MONITOR_COMMAND.usage}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new UsageError('release-safety monitor: which file? Name a synthetic journeys file.', MONITOR_COMMAND.usage);
  const listen = parseListen(values.listen ?? DEFAULT_LISTEN);
  let everyMs: number | undefined;
  if (values.every !== undefined) {
    const d = parseDuration(values.every);
    if (!d.ok || d.ms < 1000)
      throw new UsageError(
        `release-safety monitor: --every must be a duration of at least 1s, such as 10s or 5m, not "${values.every}".`,
        MONITOR_COMMAND.usage,
      );
    everyMs = d.ms;
  }

  const network = networkFromArgs(MONITOR_COMMAND, values, io);
  const prepared = prepareJourneys('monitor', io, {
    file: positionals[0],
    ...(values['env-file'] !== undefined ? { envFile: values['env-file'] } : {}),
  });
  if ('exitCode' in prepared) return prepared.exitCode;
  const { shown, journeys, lookup, env } = prepared;

  // Every variable of every journey is checked once, up front: a monitor that starts and then
  // fails every run for a missing variable would page someone for a typo.
  const secrets = new Map<string, string>();
  for (const j of journeys)
    for (const name of secretNames(j)) if (lookup(name) !== undefined) secrets.set(name, lookup(name)!);
  const missing = journeys.flatMap((j) =>
    checkJourneyVariables(j, { env: lookup, secrets }).map((p) => `journey "${j.name}": ${p.message}`),
  );
  if (missing.length) {
    for (const m of missing) io.err(`release-safety monitor: ${m}\n`);
    io.err(
      'release-safety monitor: set the variables above (in the environment or with --env-file); nothing was run.\n',
    );
    return EXIT_USAGE;
  }

  const redactor = new Redactor();
  for (const value of secrets.values()) redactor.add(value);
  const say = (s: string) => io.out(redactor.text(s));
  const metrics = new JourneyMetrics();
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/metrics' || req.url?.startsWith('/metrics?'))) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(redactor.text(metrics.render()));
      return;
    }
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.url === '/' ? 'release-safety monitor: metrics at /metrics\n' : 'Not found: metrics are at /metrics\n');
  });
  try {
    await listenOn(server, listen.host, listen.port);
  } catch (e) {
    io.err(
      `release-safety monitor: cannot listen on ${listen.host}:${listen.port}: ${(e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the port is in use; pick another with --listen' : (e as Error).message}.\n`,
    );
    return EXIT_USAGE;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const location = values.location ?? env.RELEASE_SAFETY_LOCATION ?? 'local';
  say(`Serving metrics on http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}/metrics\n`);
  for (const j of journeys) say(`  "${j.name}" every ${formatDuration(periodOf(j, everyMs))}\n`);

  const { signal, dispose } = stopSignal(io);
  try {
    await monitorJourneys(journeys, {
      file: shown,
      location,
      ...(everyMs !== undefined ? { everyMs } : {}),
      metrics,
      signal,
      runOptions: {
        env: lookup,
        secrets: lookup,
        secretHint: (name) => `export ${name}=... or add it to the --env-file file`,
        fetch: network.fetch,
        browser: {
          ...(env.RELEASE_SAFETY_BROWSER_PATH ? { browserPath: env.RELEASE_SAFETY_BROWSER_PATH } : {}),
          ...(network.browserProxy ? { proxy: network.browserProxy } : {}),
          // --cacert: the browser trusts the same authorities (its own NSS database, see browserTrust.ts).
          ...(network.settings.ca?.length ? { ca: network.settings.ca } : {}),
        },
      },
      onResult: (journey, result) => {
        const failed = result.steps.find((s) => s.status === 'failed');
        const why =
          result.status === 'failed' ? `: ${failed?.error?.message ?? result.error?.message ?? 'failed'}` : '';
        say(
          `${new Date().toISOString()} ${result.status === 'passed' ? 'passed' : result.status} "${journey.name}" in ${Math.round(result.durationMs)} ms${why}\n`,
        );
      },
      onSkipped: (journey, ticks) =>
        say(
          `${new Date().toISOString()} "${journey.name}" took longer than its period: ${ticks} run${ticks === 1 ? '' : 's'} skipped (runs never overlap)\n`,
        ),
    });
  } finally {
    dispose();
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
  say('Stopped.\n');
  return EXIT_OK;
}

function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new UsageError(
      `release-safety monitor: --listen takes HOST:PORT, such as 127.0.0.1:9464 or 0.0.0.0:9464, not "${value}".`,
      MONITOR_COMMAND.usage,
    );
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** io.signal when the caller gives one (tests); else SIGINT and SIGTERM. */
function stopSignal(io: CommandIO): { signal: AbortSignal; dispose: () => void } {
  if (io.signal) return { signal: io.signal, dispose: () => undefined };
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { signal: controller.signal, dispose: () => (process.off('SIGINT', stop), process.off('SIGTERM', stop)) };
}
