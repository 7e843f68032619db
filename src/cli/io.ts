/** What a CLI command may touch, so tests can run commands in-process. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Standard input is a terminal: only then may a command prompt. */
  isTTY: boolean;
  /** Standard output is a terminal: only then may a reporter use colour (and NO_COLOR is unset). */
  stdoutIsTTY?: boolean;
  /** Reads all of standard input (`lint -`); absent where there is none. */
  readStdin?: () => Promise<Buffer>;
  /** Aborted on Ctrl+C (watching commands stop cleanly). */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;
export const EXIT_INCONCLUSIVE = 3;
