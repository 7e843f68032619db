/**
 * `release-safety export prometheus-rules|argo|flagger FILE [--output FILE]`: hands a file's checks
 * to the engines a team grows into (docs/export.md). Exit 0 written, 2 usage or config error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCommand, oneOf, parseCommandArgs, UsageError } from '../args';
import { EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { displayPath } from '../journeys/prepareJourneys';
import { EXPORT_TARGETS, exportText } from '../../core/export/exportFile';

export const EXPORT_COMMAND = defineCommand({
  name: 'export',
  usage: `Usage: release-safety export prometheus-rules|argo|flagger FILE [--output FILE]
  prometheus-rules  alerting rules: one per synthetic journey (scraped from release-safety monitor)
                    and one per gate of a canary with a prometheus source, routed by its alerts
  argo              a native canary as an Argo Rollout canary strategy + AnalysisTemplate
  flagger           a native canary as a Flagger Canary + MetricTemplates + AlertProviders
  --output          write to this file instead of standard output`,
  options: { output: { type: 'string', short: 'o' } },
  maxPositionals: 2,
});

export async function exportCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommandArgs(EXPORT_COMMAND, args);
  if (help) {
    io.out(`${EXPORT_COMMAND.usage}\n`);
    return EXIT_OK;
  }
  const [targetArg, fileArg] = positionals;
  if (targetArg === undefined)
    throw new UsageError(
      'release-safety export: what to? Name prometheus-rules, argo or flagger, then the file.',
      EXPORT_COMMAND.usage,
    );
  const target = oneOf(EXPORT_COMMAND, 'target', targetArg, EXPORT_TARGETS);
  if (fileArg === undefined) throw new UsageError(`release-safety export ${target}: which file?`, EXPORT_COMMAND.usage);
  const path = resolve(io.cwd, fileArg);
  const shown = displayPath(path, io.cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    io.err(
      `release-safety export: cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.\n`,
    );
    return EXIT_USAGE;
  }
  const outcome = exportText(target, text, shown);
  if (!outcome.ok) {
    io.err(`release-safety export: ${outcome.error}\n`);
    return EXIT_USAGE;
  }
  for (const note of outcome.notes) io.err(`note: ${note}\n`);
  if (values.output === undefined) {
    io.out(outcome.text);
    return EXIT_OK;
  }
  const output = resolve(io.cwd, values.output);
  try {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, outcome.text);
  } catch (e) {
    io.err(`release-safety export: cannot write ${displayPath(output, io.cwd)}: ${(e as Error).message}.\n`);
    return EXIT_USAGE;
  }
  io.err(`Wrote ${displayPath(output, io.cwd)}.\n`);
  return EXIT_OK;
}
