import { EXIT_USAGE, type CommandIO } from '../io';

export async function runCommand(_args: string[], io: CommandIO): Promise<number> {
  io.err('release-safety run: not available in this build yet.\n');
  return EXIT_USAGE;
}
