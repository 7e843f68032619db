/**
 * Lints the files a `release-safety lint` run found: each with the config that governs it,
 * optionally fixing them first. Returns the one result model the reporters read.
 */
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { lintParsed, lintText, type LintResult } from '../../core/lint/engine';
import { parseFile, type ParsedFile } from '../../core/parse/parseFile';
import { ProjectIndex } from '../../core/project/projectIndex';
import { fixAll } from '../../core/lint/applyFixes';
import type { Finding } from '../../core/lint/finding';
import { LineIndex } from '../../core/text/lineIndex';
import type { ConfigResolver } from '../../core/config/configResolver';
import type { FoundFile, PathProblem } from './findFiles';
import { describeFsError } from './findFiles';
import { readSource } from './readSource';

export interface FileResult {
  /** Absolute path. */
  path: string;
  /** Relative to the working folder, `/`-separated: what reporters print. */
  displayPath: string;
  findings: Finding[];
  /** Converts the findings' offsets to line/column (only reporters do that). */
  lineIndex: LineIndex;
  /** Fixes written to the file by --fix. */
  fixed: number;
}

export interface LintRunResult {
  files: FileResult[];
  /** Files that could not be read or written. */
  problems: PathProblem[];
  /** Files left out by a config's `exclude` though named on the command line. */
  excluded: string[];
  /** Rule crashes (our bugs): shown as warnings, never fatal. */
  internalErrors: string[];
}

export interface LintFilesOptions {
  cwd: string;
  configs: ConfigResolver;
  fix?: boolean;
}

/**
 * Two passes: every file is read and parsed first, so that references between them (a Rollout's
 * `templateName`, a Canary's `templateRef`) resolve across all the paths of the run; then each
 * file is linted with that index.
 */
export function lintFiles(found: readonly FoundFile[], options: LintFilesOptions): LintRunResult {
  const out: LintRunResult = { files: [], problems: [], excluded: [], internalErrors: [] };
  const index = new ProjectIndex();
  // In the order found: files read as a finding keep their place among the linted ones.
  const slots: Array<FileResult | { path: string; displayPath: string; parsed: ParsedFile }> = [];
  for (const { path, explicit } of found) {
    const displayPath = displayPathOf(path, options.cwd);
    if (options.configs.isExcluded(path)) {
      if (explicit) out.excluded.push(displayPath);
      continue;
    }
    const source = readSource(path, displayPath);
    if (source.kind === 'unreadable') {
      out.problems.push({ path: displayPath, message: source.message });
      continue;
    }
    if (source.kind === 'finding') {
      slots.push({ path, displayPath, findings: [source.finding], lineIndex: new LineIndex(''), fixed: 0 });
      continue;
    }
    const parsed = parseFile(source.text);
    index.setParsed(path, parsed);
    slots.push({ path, displayPath, parsed });
  }
  for (const slot of slots) {
    if ('findings' in slot) {
      out.files.push(slot);
      continue;
    }
    const { path, displayPath, parsed } = slot;
    const config = options.configs.forFile(path)?.config;
    const project = { index, file: path };
    let text = parsed.text;
    let fixed = 0;
    let linted: LintResult | undefined;
    if (options.fix) {
      const fixedText = fixAll(text, { config, project });
      if (fixedText.applied > 0 && fixedText.text !== text) {
        try {
          writeFileSync(path, fixedText.text);
          text = fixedText.text;
          fixed = fixedText.applied;
          linted = fixedText.result;
        } catch (e) {
          out.problems.push({
            path: displayPath,
            message: `could not write the fixes: ${describeFsError(e, displayPath)}`,
          });
        }
      } else linted = fixedText.result;
    }
    const result =
      linted ?? (text === parsed.text ? lintParsed(parsed, { config, project }) : lintText(text, { config, project }));
    out.internalErrors.push(...result.internalErrors.map((m) => `${displayPath}: ${m}`));
    out.files.push({ path, displayPath, findings: result.findings, lineIndex: result.file.lineIndex, fixed });
  }
  return out;
}

/** Relative to the working folder when inside it (short, stable in CI logs), else absolute. */
export function displayPathOf(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  return (inside ? rel : path).split(sep).join('/');
}
