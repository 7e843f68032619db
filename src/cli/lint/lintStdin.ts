/**
 * `release-safety lint -`: lints standard input as one file (`helm template . | release-safety
 * lint -`). Positions are in that text; `--stdin-filename` names it in the output and picks the
 * `.release-safety.yaml` that governs it (the nearest above that name, else above the working
 * folder), as eslint and prettier do.
 */
import { resolve } from 'node:path';
import { lintText } from '../../core/lint/engine';
import { LineIndex } from '../../core/text/lineIndex';
import type { ConfigResolver } from '../../core/config/configResolver';
import type { FileResult, LintRunResult } from './lintFiles';
import { decodeSource } from './readSource';

export const STDIN_NAME = '<stdin>';

export function lintStdin(
  bytes: Buffer,
  options: { cwd: string; configs: ConfigResolver; filename?: string },
): LintRunResult {
  const displayPath = options.filename ?? STDIN_NAME;
  const path = resolve(options.cwd, options.filename ?? 'stdin.yaml');
  const out: LintRunResult = { files: [], problems: [], excluded: [], internalErrors: [] };
  const source = decodeSource(bytes);
  if (source.kind === 'unreadable') {
    out.problems.push({ path: displayPath, message: source.message });
    return out;
  }
  if (source.kind === 'finding') {
    out.files.push({ path, displayPath, findings: [source.finding], lineIndex: new LineIndex(''), fixed: 0 });
    return out;
  }
  const config = options.configs.forFile(path)?.config;
  const result = lintText(source.text, { config });
  out.internalErrors.push(...result.internalErrors.map((m) => `${displayPath}: ${m}`));
  const file: FileResult = { path, displayPath, findings: result.findings, lineIndex: result.file.lineIndex, fixed: 0 };
  out.files.push(file);
  return out;
}
