/** Temporary folders of files for CLI tests; each test removes its own. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CommandIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

export function makeTree(files: Record<string, string | Buffer>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `release-safety ARGS` in-process through main(), as a terminal-less CI would. */
export async function runCli(args: string[], cwd: string, extra: Partial<CommandIO> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
    cwd,
    env: {},
    isTTY: false,
    stdoutIsTTY: false,
    ...extra,
  });
  return { code, stdout, stderr };
}

/** Text that is a YAML syntax error on line 3 in a canary document (no rule needed). */
export const BROKEN = 'canary:\n  steps: [1, 5\n  interval: 5m\n';
/** A document no rule looks at: never a finding. */
export const NEUTRAL = 'kind: ConfigMap\ndata:\n  a: "1"\n';
