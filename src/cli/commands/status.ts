/**
 * `release-safety status FILE [--once] [--window DURATION] [--format text|json] [--cacert FILE]` (README, The CLI):
 * evaluates a canary's gates against its live source. Exit 0 healthy or promoted, 1 breach,
 * 3 inconclusive or stale, 2 usage or config error. Without --once it watches and prints a line
 * per change until interrupted, then exits with the last verdict's code.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCommand, oneOf, parseCommandArgs, UsageError } from '../args';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { NETWORK_OPTIONS, NETWORK_USAGE, networkFromArgs } from '../networkOptions';
import { parseFile } from '../../core/parse/parseFile';
import { parseDuration } from '../../core/model/duration';
import { findCanaries } from '../../core/canary/watchableCanary';
import { createSource } from '../../core/canary/createSource';
import { CanaryWatcher } from '../../core/canary/watcher';
import { SourceError } from '../../core/canary/source';
import type { CanaryReading } from '../../core/canary/reading';
import { changeKey, exitCodeOf, statusJson, statusLine, statusText } from '../status/statusReport';
import { sleep } from '../../core/abortableSleep';
import { ConfigResolver } from '../../core/config/configResolver';
import { nodeConfigFileSystem } from '../../core/config/nodeConfigFileSystem';

const STATUS = defineCommand({
  name: 'status',
  usage: `Usage: release-safety status FILE [--once] [--window DURATION] [--format text|json] [--cacert FILE]
${NETWORK_USAGE}
Secrets of a source's auth (\${secret:NAME}) come from the environment.`,
  options: {
    once: { type: 'boolean' },
    window: { type: 'string' },
    format: { type: 'string' },
    ...NETWORK_OPTIONS,
  },
  maxPositionals: 1,
});

const DEFAULT_SCRAPE_WINDOW_MS = 5000;
/** Prometheus rate() needs several scrapes in its window; 1m suits the usual 15s scrape interval. */
const DEFAULT_PROMETHEUS_WINDOW_MS = 60_000;
const DEFAULT_PROMETHEUS_POLL_MS = 15_000;

export async function statusCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommandArgs(STATUS, args);
  if (help) {
    io.out(`${STATUS.usage}\n`);
    return EXIT_OK;
  }
  const format = oneOf(STATUS, 'format', values.format ?? 'text', ['text', 'json'] as const);
  const network = networkFromArgs(STATUS, values, io);
  const [path] = positionals;
  if (!path) throw new UsageError('release-safety status: name the canary file to watch.', STATUS.usage);
  let windowMs: number | undefined;
  if (values.window !== undefined) {
    const d = parseDuration(values.window);
    if (!d.ok || d.ms < 1000)
      throw new UsageError(
        `release-safety status: --window ${d.ok ? 'must be at least 1s' : `"${values.window}" is not a duration`}: write it like 5s, 30s or 1m.`,
        STATUS.usage,
      );
    windowMs = d.ms;
  }

  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    io.err(
      `release-safety status: cannot read ${path}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder, name a file' : ''}.\n`,
    );
    return EXIT_USAGE;
  }
  const file = parseFile(text);
  const where = (offset: number) => {
    const p = file.lineIndex.positionAt(offset);
    return `${path}:${p.line + 1}:${p.character + 1}`;
  };
  const syntax = file.findings.find((f) => f.severity === 'error');
  if (syntax) {
    io.err(`${where(syntax.offset)}: ${syntax.message}\n`);
    return EXIT_USAGE;
  }
  // The risk budget of `.release-safety.yaml` applies to canaries without their own.
  const config = new ConfigResolver(nodeConfigFileSystem, (configPath, problem) =>
    io.err(`${configPath}: ${problem}\n`),
  ).forFile(resolve(io.cwd, path));
  const canaries = findCanaries(file, config?.config.budget);
  if (canaries.length === 0) {
    io.err(
      `release-safety status: ${path} has no canary (a document with a top-level canary key, an Argo Rollout or a Flagger Canary).\n`,
    );
    return EXIT_USAGE;
  }
  // Several canaries in one file: watch the first that can be watched.
  const chosen = canaries.find((c) => c.problems.length === 0) ?? canaries[0];
  if (chosen.problems.length) {
    for (const p of chosen.problems) io.err(`${where(p.offset)}: ${p.message}\n`);
    return EXIT_USAGE;
  }
  const plan = chosen.plan;
  const isPrometheus = !!plan.source?.prometheus;
  let source;
  try {
    source = createSource(plan, {
      windowMs: windowMs ?? DEFAULT_PROMETHEUS_WINDOW_MS,
      network,
      secrets: (name) => io.env[name],
      secretHint: (name) => `export ${name}=... before running release-safety status`,
      baseDir: dirname(resolve(io.cwd, path)),
    });
  } catch (e) {
    if (e instanceof SourceError) {
      io.err(`${where(plan.source?.ref.offset ?? plan.anchor.offset)}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const scrapeWindowMs = windowMs ?? DEFAULT_SCRAPE_WINDOW_MS;
  const pollMs = isPrometheus
    ? windowMs
      ? Math.min(windowMs, DEFAULT_PROMETHEUS_POLL_MS)
      : DEFAULT_PROMETHEUS_POLL_MS
    : scrapeWindowMs;
  const watcher = new CanaryWatcher(plan, source, {
    intervalMs: pollMs,
    warmupDelayMs: scrapeWindowMs,
    historySize: 2,
    ...(chosen.budget ? { budget: chosen.budget } : {}),
  });

  const { signal, dispose } = interruptSignal(io);
  try {
    if (values.once) {
      let reading = await watcher.poll(signal).catch(() => undefined);
      if (reading?.warmingUp) {
        // Rates need two scrapes --window apart.
        await sleep(scrapeWindowMs, signal);
        reading = signal.aborted ? undefined : await watcher.poll(signal).catch(() => undefined);
      }
      if (!reading) {
        io.err('release-safety status: interrupted before a reading was taken.\n');
        return exitCodeOf('inconclusive');
      }
      io.out(format === 'json' ? `${JSON.stringify(statusJson(reading))}\n` : statusText(reading));
      return exitCodeOf(reading.verdict);
    }

    let lastKey = '';
    let last: CanaryReading | undefined;
    watcher.onReading((r) => {
      // The scrape source's priming reading says nothing yet.
      if (r.warmingUp && !last) return;
      last = r;
      const key = changeKey(r);
      if (key === lastKey) return;
      lastKey = key;
      io.out(format === 'json' ? `${JSON.stringify(statusJson(r))}\n` : statusLine(r));
    });
    if (format === 'text')
      io.err(
        `Watching ${plan.service ?? 'the canary'} (${source.description}); a line per change. Press Ctrl+C to stop.\n`,
      );
    await watcher.run(signal);
    return exitCodeOf(last?.verdict ?? 'inconclusive');
  } finally {
    dispose();
  }
}

/** io.signal when the caller gives one (tests, the extension); else Ctrl+C. */
function interruptSignal(io: CommandIO): { signal: AbortSignal; dispose: () => void } {
  if (io.signal) return { signal: io.signal, dispose: () => undefined };
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
