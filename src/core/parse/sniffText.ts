/**
 * Sniffs a document's kind from its raw text, for text that does not parse (or is a template):
 * the same decision as sniffDocument, made from top-level lines (column 0) only. A document that
 * does not parse is ours only when its text names one of our kinds; everything else stays silent.
 */
import { kubernetesKind, type DocumentKind } from './sniff';

const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(?:#.*)?\r?$/m;
const API_LINE = /^apiVersion:[ \t]*["']?([\w.-]+)\//m;

export function sniffText(text: string): DocumentKind | null {
  const api = API_LINE.exec(text)?.[1];
  const kind = KIND_LINE.exec(text)?.[1];
  if (api && kind) return kubernetesKind(`${api}/`, kind);
  if (/^canary[ \t]*:/m.test(text)) return 'canary';
  if (/^synthetic[ \t]*:/m.test(text)) return 'synthetic';
  return null;
}

/** The kinds a whole file's text names, document by document (split at `---` lines). */
export function fileNamesOurKind(text: string): boolean {
  return text.split(/^---[ \t]*(?:#.*)?\r?$/m).some((part) => sniffText(part) !== null);
}
