/**
 * Reads the rule id behind one of our diagnostics (its `code`), and converts offsets to ranges.
 * The core Finding behind a diagnostic comes from the diagnostics controller (`findingFor`), which
 * matches on rule id and range at the linted version, never on message text.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/lint/finding';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export type FindingLookup = (document: vscode.TextDocument, diagnostic: vscode.Diagnostic) => Finding | undefined;

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = diagnostic.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c && typeof c === 'object') return String(c.value);
  return undefined;
}

export function rangeOf(document: vscode.TextDocument, ref: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(ref.offset), document.positionAt(ref.offset + ref.length));
}
