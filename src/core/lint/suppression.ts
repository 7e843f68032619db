/**
 * `# release-safety-disable-next-line RULE-ID [RULE-ID ...]` silences findings that start on the
 * next line (no id: every rule). Comments are found in the raw text so that it also works in
 * documents the parser rejected.
 */
import type { LineIndex } from '../text/lineIndex';

const DIRECTIVE = /#\s*release-safety-disable-next-line\b([^\n\r]*)/g;

export interface Suppressions {
  /** line (0-based) -> rule ids, or '*' for all */
  byLine: Map<number, Set<string>>;
}

/** `lines` is asked for only when the text has a directive (building a line index costs a scan). */
export function findSuppressions(text: string, lines: () => LineIndex): Suppressions {
  const byLine = new Map<number, Set<string>>();
  if (!text.includes('release-safety-disable')) return { byLine };
  const index = lines();
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const line = index.positionAt(m.index).line + 1;
    // Anything after "--" is a reason, as in eslint.
    const ids = m[1]
      .split('--')[0]
      .split(/[\s,]+/)
      .filter(Boolean);
    const set = byLine.get(line) ?? new Set<string>();
    if (ids.length === 0) set.add('*');
    ids.forEach((id) => set.add(id));
    byLine.set(line, set);
  }
  return { byLine };
}

export function isSuppressed(s: Suppressions, line: number, ruleId: string): boolean {
  const set = s.byLine.get(line);
  return !!set && (set.has('*') || set.has(ruleId));
}

/** The comment line to insert above `line` so that `ruleId` is silenced there. */
export function suppressionComment(indent: string, ruleId: string): string {
  return `${indent}# release-safety-disable-next-line ${ruleId}\n`;
}
