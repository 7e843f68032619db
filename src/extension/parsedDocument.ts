/**
 * One parse per document version, shared by hover and CodeLens (both ask again and again while
 * the text stays the same: every mouse move, every lens refresh).
 */
import type * as vscode from 'vscode';
import { parseFile, type ParsedFile } from '../core/parse/parseFile';

const cache = new WeakMap<vscode.TextDocument, { version: number; file: ParsedFile }>();

export function parsedDocument(document: vscode.TextDocument): ParsedFile {
  const hit = cache.get(document);
  if (hit && hit.version === document.version) return hit.file;
  const file = parseFile(document.getText());
  cache.set(document, { version: document.version, file });
  return file;
}
