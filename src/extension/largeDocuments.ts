/**
 * Documents too large to parse within a frame on the extension host's thread (the threshold is
 * the lint worker's). They are linted on the worker; the features that would parse the whole text
 * again on the host (CodeLens, hover descriptions, Test Explorer discovery) leave them out rather
 * than stall the editor for seconds on every edit.
 */
import type * as vscode from 'vscode';
import { LARGE_DOCUMENT_CHARS } from './backgroundLint/backgroundLinter';

export function isLargeDocument(document: vscode.TextDocument): boolean {
  if (document.lineCount < LARGE_DOCUMENT_CHARS / 200) return false; // cheap: no line is that long on average
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end) > LARGE_DOCUMENT_CHARS;
}

export function isLargeText(text: string): boolean {
  return text.length > LARGE_DOCUMENT_CHARS;
}
