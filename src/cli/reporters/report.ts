/** What every lint reporter reads, and the few facts they share (positions, counts). */
import type { Finding, Severity } from '../../core/lint/finding';
import type { FileResult } from '../lint/lintFiles';

export interface ReportInput {
  files: readonly FileResult[];
  /** Working folder: SARIF uris are relative to it. */
  cwd: string;
  /** Colour escapes allowed (text only). */
  color: boolean;
  version: string;
}

export type Reporter = (input: ReportInput) => string;

/** 1-based, end exclusive (the column after the last character), as eslint and SARIF count. */
export interface Range1 {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function rangeOf(file: FileResult, finding: Finding): Range1 {
  const start = file.lineIndex.positionAt(finding.offset);
  const end = file.lineIndex.positionAt(finding.offset + finding.length);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(files: readonly FileResult[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) counts[x.severity]++;
  return counts;
}
