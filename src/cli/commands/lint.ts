/**
 * `release-safety lint [PATH ... | -] [--stdin-filename NAME] [--format text|json|sarif] [--max-warnings N] [--fix]`.
 * `-` reads standard input (`helm template . | release-safety lint -`).
 * Exit 0: no error-level finding (and warnings <= --max-warnings when given); 1: otherwise;
 * 2: a usage error or a path that cannot be read (the readable files are still linted and shown).
 * Findings go to stdout in the chosen format; warnings about paths and configs go to stderr,
 * so `--format json > out.json` stays valid JSON.
 */
import { defineCommand, nonNegativeInteger, oneOf, parseCommandArgs, UsageError } from '../args';
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { findFiles } from '../lint/findFiles';
import { ConfigResolver } from '../../core/config/configResolver';
import { nodeConfigFileSystem } from '../../core/config/nodeConfigFileSystem';
import { displayPathOf, lintFiles } from '../lint/lintFiles';
import { lintStdin } from '../lint/lintStdin';
import { countSeverities, type Reporter } from '../reporters/report';
import { stylishReporter } from '../reporters/stylish';
import { jsonReporter } from '../reporters/json';
import { sarifReporter } from '../reporters/sarif';
import { VERSION } from '../version';

export const LINT_COMMAND = defineCommand({
  name: 'lint',
  usage: `Usage: release-safety lint [PATH ... | -] [--stdin-filename NAME] [--format text|json|sarif] [--max-warnings N] [--fix]
  PATH            a file, or a folder searched for *.yaml / *.yml (default: the current folder)
  -               read standard input, e.g. helm template . | release-safety lint -
  --stdin-filename  the name standard input is shown under (and whose .release-safety.yaml applies)
  -f, --format    text (default), json or sarif
  --max-warnings  fail (exit 1) when there are more than N warnings
  --fix           apply the safe automatic fixes to the files, then report what is left
Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable path.`,
  options: {
    format: { type: 'string', short: 'f' },
    'max-warnings': { type: 'string' },
    fix: { type: 'boolean' },
    'stdin-filename': { type: 'string' },
  },
});

const FORMATS = ['text', 'json', 'sarif'] as const;
const REPORTERS: Record<(typeof FORMATS)[number], Reporter> = {
  text: stylishReporter,
  json: jsonReporter,
  sarif: sarifReporter,
};

export async function lintCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommandArgs(LINT_COMMAND, args);
  if (help) {
    io.out(`${LINT_COMMAND.usage}\n`);
    return EXIT_OK;
  }
  const format = oneOf(LINT_COMMAND, 'format', values.format ?? 'text', FORMATS);
  const maxWarnings =
    values['max-warnings'] === undefined
      ? undefined
      : nonNegativeInteger(LINT_COMMAND, 'max-warnings', values['max-warnings']);

  const warn = (message: string) => io.err(`release-safety lint: ${message}\n`);
  const configs = new ConfigResolver(nodeConfigFileSystem, (configPath, problem) =>
    warn(`warning: ${displayPathOf(configPath, io.cwd)}: ${problem}`),
  );
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1)
    throw new UsageError(
      'release-safety lint: `-` (standard input) cannot be mixed with paths; lint them in two runs.',
      LINT_COMMAND.usage,
    );
  if (stdin && values.fix)
    throw new UsageError(
      'release-safety lint: --fix cannot write back to standard input; save the text to a file and run --fix on it.',
      LINT_COMMAND.usage,
    );
  if (!stdin && values['stdin-filename'] !== undefined)
    throw new UsageError(
      'release-safety lint: --stdin-filename names standard input: use it with `-`.',
      LINT_COMMAND.usage,
    );
  if (stdin && !io.readStdin)
    throw new UsageError('release-safety lint: there is no standard input to read here.', LINT_COMMAND.usage);
  const found = stdin ? { files: [], emptyFolders: [], problems: [] } : findFiles(positionals, io.cwd);
  const run = stdin
    ? lintStdin(await io.readStdin!(), { cwd: io.cwd, configs, filename: values['stdin-filename'] })
    : lintFiles(found.files, { cwd: io.cwd, configs, fix: values.fix === true });

  const color = format === 'text' && io.stdoutIsTTY === true && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  io.out(REPORTERS[format]({ files: run.files, cwd: io.cwd, color, version: VERSION }));

  for (const folder of found.emptyFolders) warn(`warning: no *.yaml or *.yml files in ${folder}.`);
  for (const path of run.excluded)
    warn(`warning: ${path} is excluded by the "exclude" of its .release-safety.yaml; not checked.`);
  for (const m of run.internalErrors) warn(`warning: a rule failed (a bug in Release Safety; please report it): ${m}`);
  const problems = [...found.problems, ...run.problems];
  for (const p of problems) warn(p.message);

  const counts = countSeverities(run.files);
  if (problems.length) return EXIT_USAGE;
  if (counts.error > 0) return EXIT_FAIL;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    warn(`too many warnings (${counts.warning}; --max-warnings is ${maxWarnings}).`);
    return EXIT_FAIL;
  }
  return EXIT_OK;
}
