import { readFileSync } from 'node:fs';
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, type CommandIO } from '../io';
import { lintText } from '../../core/lint/engine';
import { resolve } from 'node:path';

// Minimal first cut: lints the files named; the full command (folders, formats, config) follows.
export async function lintCommand(args: string[], io: CommandIO): Promise<number> {
  let errors = 0;
  for (const p of args) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, p), 'utf8');
    } catch (e) {
      io.err(`release-safety lint: cannot read ${p}: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    const { file, findings } = lintText(text);
    for (const f of findings) {
      const pos = file.lineIndex.positionAt(f.offset);
      io.out(`${p}:${pos.line + 1}:${pos.character + 1} ${f.severity} ${f.message} ${f.rule}\n`);
      if (f.severity === 'error') errors++;
    }
  }
  return errors ? EXIT_FAIL : EXIT_OK;
}
