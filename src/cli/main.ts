/**
 * `release-safety lint | run | status | monitor | export`: the CLI on the same core as the extension.
 * Exit codes (README, The CLI): 0 ok, 1 findings / failures / breach, 2 usage or config error,
 * 3 inconclusive or stale (status).
 */
import { lintCommand } from './commands/lint';
import { runCommand } from './commands/run';
import { statusCommand } from './commands/status';
import { analyzeCommand } from './commands/analyze';
import { monitorCommand } from './commands/monitor';
import { exportCommand } from './commands/export';
import { EXIT_USAGE, type CommandIO } from './io';
import { UsageError } from './args';
import { VERSION } from './version';

const USAGE = `Usage:
  release-safety lint [PATH ...] [--format text|json|sarif] [--max-warnings N]
  release-safety run FILE [--journey NAME] [--reporter text|json|junit] [--output FILE] [--env-file FILE]
  release-safety status FILE [--once] [--window DURATION] [--format text|json]
  release-safety analyze FILE [PATH ...] [--prometheus URL] [--arg NAME=VALUE ...] [--format text|json]
  release-safety monitor FILE [--listen HOST:PORT] [--every DURATION] [--env-file FILE]
  release-safety export prometheus-rules|argo|flagger FILE [--output FILE]
  release-safety --help | --version`;

export async function main(argv: string[], io: CommandIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    // A usage mistake is the caller's to fix: say what and show how, exit 2 (README, The CLI).
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${e.usage ?? USAGE}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

async function dispatch(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return lintCommand(rest, io);
    case 'run':
      return runCommand(rest, io);
    case 'status':
      return statusCommand(rest, io);
    case 'analyze':
      return analyzeCommand(rest, io);
    case 'monitor':
      return monitorCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case '--version':
    case '-v':
      io.out(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(`${USAGE}\n`);
      return command === undefined ? EXIT_USAGE : 0;
    default:
      io.err(`release-safety: unknown command "${command}".\n${USAGE}\n`);
      return EXIT_USAGE;
  }
}

if (require.main === module || process.argv[1]?.endsWith('release-safety')) {
  const io: CommandIO = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdin.isTTY,
    stdoutIsTTY: !!process.stdout.isTTY,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(
        `release-safety: unexpected error: ${(e as Error)?.message ?? e}\nPlease report it with the command you ran.\n`,
      );
      process.exitCode = EXIT_USAGE;
    },
  );
}
