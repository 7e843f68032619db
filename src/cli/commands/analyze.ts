/**
 * `release-safety analyze FILE [PATH ...] [--prometheus URL] [--arg NAME=VALUE ...] [--format text|json] [--cacert FILE]`:
 * would this analysis pass right now? Runs each metric's query of an Argo AnalysisTemplate (or of
 * the templates a Rollout references) or of a Flagger Canary once against Prometheus and judges
 * it as the controller would. Exit 0 all Successful, 1 any Failed, 3 inconclusive / error /
 * Prometheus unreachable, 2 a usage or config error (nothing is queried then).
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defineCommand, oneOf, parseCommandArgs, UsageError } from '../args';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { NETWORK_OPTIONS, NETWORK_USAGE, networkFromArgs } from '../networkOptions';
import { parseFile } from '../../core/parse/parseFile';
import type { AnalysisFile } from '../../core/analysis/job';
import { resolveJobs } from '../../core/analysis/resolveJobs';
import { runAnalysis } from '../../core/analysis/runAnalysis';
import { analysisJson, analysisText, exitCodeOfAnalysis } from '../analyze/analyzeReport';
import { describeFsError, findFiles } from '../lint/findFiles';
import { readSource } from '../lint/readSource';

const ANALYZE = defineCommand({
  name: 'analyze',
  usage: `Usage: release-safety analyze FILE [PATH ...] [--prometheus URL] [--arg NAME=VALUE ...] [--format text|json] [--cacert FILE]
${NETWORK_USAGE}`,
  options: {
    ...NETWORK_OPTIONS,
    prometheus: { type: 'string' },
    arg: { type: 'string', multiple: true },
    format: { type: 'string' },
  },
});

const YAML_FILE = /\.ya?ml$/i;

export async function analyzeCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommandArgs(ANALYZE, argv);
  if (help) {
    io.out(`${ANALYZE.usage}\n`);
    return EXIT_OK;
  }
  const format = oneOf(ANALYZE, 'format', values.format ?? 'text', ['text', 'json'] as const);
  const [path, ...lookIn] = positionals;
  if (!path)
    throw new UsageError(
      'release-safety analyze: name the AnalysisTemplate, Rollout or Flagger Canary file to analyse.',
      ANALYZE.usage,
    );
  const args: Record<string, string> = Object.create(null);
  for (const a of values.arg ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`release-safety analyze: --arg "${a}" must be NAME=VALUE.`, ANALYZE.usage);
    args[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (values.prometheus !== undefined && !/^https?:\/\/[^\s/]+/i.test(values.prometheus.trim())) {
    throw new UsageError(
      `release-safety analyze: --prometheus "${values.prometheus}" is not an http(s) URL; write it like http://127.0.0.1:9090.`,
      ANALYZE.usage,
    );
  }

  const abs = resolve(io.cwd, path);
  const target = readAnalysisFile(abs, path);
  if (typeof target === 'string') {
    io.err(`release-safety analyze: ${target}\n`);
    return EXIT_USAGE;
  }
  const syntax = target.file.findings.find((f) => f.severity === 'error');
  if (syntax) {
    const p = target.file.lineIndex.positionAt(syntax.offset);
    io.err(`${path}:${p.line + 1}:${p.character + 1}: ${syntax.message}\n`);
    return EXIT_USAGE;
  }
  const others = lookupFiles(abs, lookIn, io);
  if (typeof others === 'string') {
    io.err(`release-safety analyze: ${others}\n`);
    return EXIT_USAGE;
  }
  // A bad --cacert is a usage error before anything is read or queried.
  const network = networkFromArgs(ANALYZE, values, io);
  const { jobs, errors } = resolveJobs(target, others, {
    ...(values.prometheus ? { prometheus: values.prometheus.trim() } : {}),
    args,
  });
  if (errors.length) {
    for (const e of errors) io.err(`${e}\n`);
    io.err('Nothing was queried.\n');
    return EXIT_USAGE;
  }
  const { signal, dispose } = interruptSignal(io);
  try {
    const outcomes = await runAnalysis(jobs, { signal, network });
    const unreachable = outcomes.flatMap((o) => o.metrics).find((m) => m.unreachable);
    if (unreachable) {
      io.err(
        `release-safety analyze: ${unreachable.message} If Prometheus runs in a cluster, forward it (kubectl port-forward svc/prometheus 9090) and pass --prometheus http://127.0.0.1:9090.\n`,
      );
    }
    io.out(format === 'json' ? `${JSON.stringify(analysisJson(outcomes), null, 2)}\n` : analysisText(outcomes));
    return exitCodeOfAnalysis(outcomes);
  } finally {
    dispose();
  }
}

function readAnalysisFile(abs: string, display: string): AnalysisFile | string {
  const read = readSource(abs, display);
  if (read.kind === 'unreadable') return read.message;
  if (read.kind === 'finding') return `${display}: ${read.finding.message}`;
  return { path: display, file: parseFile(read.text) };
}

/** The PATHs given, and the YAML files beside FILE, where referenced templates are looked up. */
function lookupFiles(abs: string, paths: string[], io: CommandIO): AnalysisFile[] | string {
  // No PATH: only the files beside FILE (findFiles would search the whole current folder).
  const found = paths.length ? findFiles(paths, io.cwd) : { files: [], problems: [] };
  if (found.problems.length) return found.problems[0]!.message;
  const files = found.files.map((f) => f.path);
  const dir = dirname(abs);
  try {
    for (const name of readdirSync(dir).sort()) if (YAML_FILE.test(name)) files.push(join(dir, name));
  } catch (e) {
    return describeFsError(e, dir);
  }
  const out: AnalysisFile[] = [];
  const seen = new Set<string>([abs]);
  for (const f of files) {
    if (seen.has(f)) continue;
    seen.add(f);
    const rel = relative(io.cwd, f) || f;
    const read = readAnalysisFile(f, rel.startsWith('..') ? f : rel);
    // A file that cannot be read or parsed cannot hold the template either; references say so.
    if (typeof read !== 'string' && !read.file.findings.some((x) => x.severity === 'error')) out.push(read);
  }
  return out;
}

/** io.signal when the caller gives one (tests, the extension); else Ctrl+C. */
function interruptSignal(io: CommandIO): { signal: AbortSignal; dispose: () => void } {
  if (io.signal) return { signal: io.signal, dispose: () => undefined };
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
