/**
 * `release-safety run FILE [--journey NAME] [--reporter text|json|junit] [--output FILE] [--env-file FILE] [--cacert FILE]`
 * (README, The CLI). Exit 0: every journey passed; 1: a journey failed (or the run was cancelled);
 * 2: a usage or config error: unreadable file, YAML errors, no journeys, an unknown --journey,
 * a journey lint refuses (nothing is run then), or a variable/secret that is not set (nothing sent).
 *
 * `${env:X}` and `${secret:X}` both come from the environment here, with --env-file (dotenv
 * syntax) filling in what the environment does not set. Everything printed or written passes the
 * redactor once more, on top of the runner's own redaction.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineCommand, oneOf, parseCommandArgs, UsageError } from '../args';
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { NETWORK_OPTIONS, NETWORK_USAGE, networkFromArgs } from '../networkOptions';
import { displayPath, prepareJourneys } from '../journeys/prepareJourneys';
import { run } from '../../core/journey/runner';
import { Redactor } from '../../core/journey/redact';
import { secretNames } from '../../core/journey/variables';
import { journeyTextReporter } from '../reporters/journeyText';
import { journeyJsonReporter } from '../reporters/journeyJson';
import { journeyJunitReporter } from '../reporters/journeyJunit';
import { countStatuses, type JourneyReporter } from '../reporters/journeyReport';

export const RUN_COMMAND = defineCommand({
  name: 'run',
  usage: `Usage: release-safety run FILE [--journey NAME] [--reporter text|json|junit] [--output FILE] [--env-file FILE] [--cacert FILE]
  FILE          a synthetic journeys file (a YAML document with a top-level "synthetic:" key)
  --journey     run only the journey with this name (default: all of them)
  --reporter    text (default), json or junit
  --output      write the report to this file instead of standard output
  --env-file    KEY=VALUE lines (dotenv syntax) for \${env:..} and \${secret:..}; the environment wins
${NETWORK_USAGE}
Secrets (\${secret:NAME}) come from the environment. RELEASE_SAFETY_BROWSER_PATH picks the browser.
Exit codes: 0 all passed, 1 a journey failed, 2 usage or config error (unsafe journeys are refused, not run).`,
  options: {
    journey: { type: 'string' },
    reporter: { type: 'string', short: 'r' },
    output: { type: 'string', short: 'o' },
    'env-file': { type: 'string' },
    ...NETWORK_OPTIONS,
  },
  maxPositionals: 1,
});

const REPORTERS = ['text', 'json', 'junit'] as const;
const REPORTER_OF: Record<(typeof REPORTERS)[number], JourneyReporter> = {
  text: journeyTextReporter,
  json: journeyJsonReporter,
  junit: journeyJunitReporter,
};

export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommandArgs(RUN_COMMAND, args);
  if (help) {
    io.out(`${RUN_COMMAND.usage}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new UsageError('release-safety run: which file? Name a synthetic journeys file.', RUN_COMMAND.usage);
  const reporterName = oneOf(RUN_COMMAND, 'reporter', values.reporter ?? 'text', REPORTERS);
  const network = networkFromArgs(RUN_COMMAND, values, io);
  const fail = (message: string) => {
    io.err(`release-safety run: ${message}\n`);
    return EXIT_USAGE;
  };

  const prepared = prepareJourneys('run', io, {
    file: positionals[0],
    ...(values['env-file'] !== undefined ? { envFile: values['env-file'] } : {}),
    ...(values.journey !== undefined ? { journey: values.journey } : {}),
  });
  if ('exitCode' in prepared) return prepared.exitCode;
  const { shown, loaded, journeys, lookup, env } = prepared;

  // Defence in depth: the runner redacts its results; the CLI also filters all it prints or writes.
  const redactor = new Redactor();
  for (const j of journeys) for (const name of secretNames(j)) redactor.add(lookup(name));
  const out = (s: string) => io.out(redactor.text(s));

  const output = values.output === undefined ? undefined : resolve(io.cwd, values.output);
  const result = await run(journeys, {
    env: lookup,
    secrets: lookup,
    secretHint: (name) => `export ${name}=... or add it to the --env-file file`,
    signal: io.signal,
    fetch: network.fetch,
    browser: {
      ...(network.browserProxy ? { proxy: network.browserProxy } : {}),
      // --cacert: the browser trusts the same authorities (its own NSS database, see browserTrust.ts).
      ...(network.settings.ca?.length ? { ca: network.settings.ca } : {}),
      ...(env.RELEASE_SAFETY_BROWSER_PATH ? { browserPath: env.RELEASE_SAFETY_BROWSER_PATH } : {}),
      // Screenshots sit next to the report when there is one, so CI can keep them as artifacts.
      ...(output ? { screenshotDir: join(dirname(output), 'screenshots') } : {}),
    },
  });

  const color =
    reporterName === 'text' &&
    !output &&
    io.stdoutIsTTY === true &&
    !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const report = redactor.text(
    REPORTER_OF[reporterName]({ result, file: shown, lineIndex: loaded.file.lineIndex, color }),
  );
  if (output) {
    try {
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, report);
    } catch (e) {
      io.out(report);
      return fail(
        `cannot write ${displayPath(output, io.cwd)}: ${(e as Error).message}; the report was printed instead.`,
      );
    }
    const c = countStatuses(result);
    out(
      `${result.journeys.length} journeys: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}; ${reporterName} report written to ${displayPath(output, io.cwd)}\n`,
    );
  } else {
    out(report);
  }

  if (result.journeys.some((j) => j.error?.kind === 'config')) return EXIT_USAGE;
  return result.status === 'passed' ? EXIT_OK : EXIT_FAIL;
}
