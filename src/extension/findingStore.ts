/**
 * What stands behind each published Diagnostic: the core Finding (with its fix and suggestions),
 * keyed by document and tied to the document version that was linted. Quick fixes look findings
 * up here by the diagnostic's code and range, never by message text, and only while the document
 * is still at that version (an edit since then would make the fix's offsets wrong).
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/lint/finding';

export interface StoredLint {
  uri: vscode.Uri;
  /** The TextDocument version linted; undefined for a file linted from disk (not open). */
  version: number | undefined;
  findings: Finding[];
  diagnostics: vscode.Diagnostic[];
  /** diagnostic key -> finding index */
  byKey: Map<string, number>;
}

export function diagnosticKey(code: string, range: vscode.Range): string {
  return `${code}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const c = diagnostic.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c && typeof c === 'object') return String(c.value);
  return undefined;
}

export class FindingStore {
  private readonly byUri = new Map<string, StoredLint>();

  set(entry: Omit<StoredLint, 'byKey'>): void {
    const byKey = new Map<string, number>();
    entry.diagnostics.forEach((d, i) => {
      const key = diagnosticKey(codeOf(d) ?? '', d.range);
      if (!byKey.has(key)) byKey.set(key, i);
    });
    this.byUri.set(entry.uri.toString(), { ...entry, byKey });
  }

  get(uri: vscode.Uri): StoredLint | undefined {
    return this.byUri.get(uri.toString());
  }

  delete(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }

  clear(): void {
    this.byUri.clear();
  }

  /**
   * The core Finding behind a diagnostic of this document, or undefined when the document has
   * changed since it was linted or the diagnostic is not ours.
   */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const entry = this.byUri.get(document.uri.toString());
    if (!entry || entry.version !== document.version) return undefined;
    const code = codeOf(diagnostic);
    if (code === undefined) return undefined;
    const i = entry.byKey.get(diagnosticKey(code, diagnostic.range));
    if (i === undefined) return undefined;
    // Same code and range but another message: two findings of one rule on one node; pick by text.
    if (entry.diagnostics[i].message !== diagnostic.message) {
      const j = entry.diagnostics.findIndex(
        (d) => codeOf(d) === code && d.range.isEqual(diagnostic.range) && d.message === diagnostic.message,
      );
      return j >= 0 ? entry.findings[j] : undefined;
    }
    return entry.findings[i];
  }
}
