/**
 * Reads the rule id behind one of our diagnostics, and finds the core Finding behind it when the
 * diagnostics module cannot say (an older build, a test): by re-linting the document's current
 * text and matching on rule id and range, never on message text.
 */
import * as vscode from 'vscode';
import { lintText } from '../core/lint/engine';
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

/** A lookup that lints the current text itself (its offsets are therefore for this very version). */
export function relintLookup(): FindingLookup {
  let cache: { uri: string; version: number; findings: Finding[] } | undefined;
  return (document, diagnostic) => {
    const rule = ruleIdOf(diagnostic);
    if (!rule) return undefined;
    if (!cache || cache.uri !== document.uri.toString() || cache.version !== document.version) {
      cache = { uri: document.uri.toString(), version: document.version, findings: lintText(document.getText()).findings };
    }
    return cache.findings.find((f) => f.rule === rule && rangeOf(document, f).isEqual(diagnostic.range));
  };
}

export function rangeOf(document: vscode.TextDocument, ref: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(ref.offset), document.positionAt(ref.offset + ref.length));
}
