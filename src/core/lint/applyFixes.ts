/**
 * Applies safe fixes (Finding.fix, never suggestions) to a text. A fix is applied whole or not
 * at all; a fix whose edits overlap one already taken waits for the next pass, after a fresh
 * lint, as eslint does. Pure: text in, text out.
 */
import type { Fix, TextEdit } from './finding';
import { lintText, type LintOptions, type LintResult } from './engine';

export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const fix of fixes) {
    if (fix.edits.length === 0) continue;
    if (!fix.edits.every((e) => validEdit(e, text.length) && !taken.some((t) => overlaps(t, e)))) continue;
    if (!fix.edits.every((e, i) => fix.edits.every((o, j) => i === j || !overlaps(e, o)))) continue;
    taken.push(...fix.edits);
    applied++;
  }
  // Right to left, so that earlier offsets stay valid; inserts at one offset keep their order.
  const ordered = taken.map((e, i) => ({ e, i })).sort((a, b) => b.e.offset - a.e.offset || b.i - a.i);
  let out = text;
  for (const { e } of ordered) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return { text: out, applied };
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** The lint result of the final text, when the last pass already computed it (saves a lint). */
  result?: LintResult;
}

/** Lints and fixes until nothing fixable is left (at most `maxPasses` rounds). */
export function fixAll(text: string, options: LintOptions = {}, maxPasses = 10): FixAllResult {
  let current = text;
  let total = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const result = lintText(current, options);
    const fixes = result.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (fixes.length === 0) return { text: current, applied: total, result };
    const { text: next, applied } = applyFixes(current, fixes);
    if (applied === 0 || next === current) return { text: current, applied: total, result };
    total += applied;
    current = next;
  }
  return { text: current, applied: total };
}

function validEdit(e: TextEdit, length: number): boolean {
  return (
    Number.isInteger(e.offset) &&
    Number.isInteger(e.length) &&
    e.offset >= 0 &&
    e.length >= 0 &&
    e.offset + e.length <= length
  );
}

/**
 * Two edits touch the same text. An insert conflicts with a replacement that starts at or spans
 * its offset (which goes first would be a guess), and with another insert at the same offset.
 */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  const aEnd = a.offset + a.length;
  const bEnd = b.offset + b.length;
  if (a.length === 0 && b.length === 0) return a.offset === b.offset;
  if (a.length === 0) return a.offset >= b.offset && a.offset < bEnd;
  if (b.length === 0) return b.offset >= a.offset && b.offset < aEnd;
  return a.offset < bEnd && b.offset < aEnd;
}
