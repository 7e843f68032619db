/** What every journey reporter reads: the run's result and where its file is, for line numbers. */
import type { RunResult } from '../../core/journey/result';
import type { LineIndex } from '../../core/text/lineIndex';
import type { Ref } from '../../core/parse/yamlNodes';

export interface JourneyReportInput {
  result: RunResult;
  /** The synthetic file as the user named it (relative to the working folder when inside it). */
  file: string;
  lineIndex: LineIndex;
  /** Colour escapes allowed (text only). */
  color: boolean;
}

export type JourneyReporter = (input: JourneyReportInput) => string;

/** `file:line:column` (1-based) of a source range, as editors and CI annotations read it. */
export function locationOf(input: JourneyReportInput, ref: Ref): string {
  const p = input.lineIndex.positionAt(ref.offset);
  return `${input.file}:${p.line + 1}:${p.character + 1}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function countStatuses(result: RunResult): { passed: number; failed: number; skipped: number } {
  const c = { passed: 0, failed: 0, skipped: 0 };
  for (const j of result.journeys) c[j.status]++;
  return c;
}
