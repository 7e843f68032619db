/**
 * Parses every YAML document of a file, keeping offsets, and sniffs each one.
 * Never throws: syntax errors and hostile input (too large, nested too deep) become
 * `yaml/syntax` findings with a message that says what to do.
 */
import { parseAllDocuments, type Document } from 'yaml';
import type { Finding } from '../lint/finding';
import { LineIndex } from '../text/lineIndex';
import { sniffDocument, type DocumentKind } from './sniff';

export interface SourceDocument {
  index: number;
  kind: DocumentKind | null;
  doc: Document.Parsed;
  offset: number;
  length: number;
}

export interface ParsedFile {
  text: string;
  documents: SourceDocument[];
  /** `yaml/syntax` findings (severity error). */
  findings: Finding[];
  readonly lineIndex: LineIndex;
}

export interface ParseLimits {
  /** Characters; larger files get one finding instead of a parse. Default 8 MB. */
  maxChars?: number;
  /** Flow/block nesting depth; deeper input gets one finding. Default 500. */
  maxDepth?: number;
}

export const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 500;

/** uniqueKeys: a duplicated key is a real mistake in a rollout file; no pretty errors: we place them. */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true } as const;

export function parseFile(text: string, limits: ParseLimits = {}): ParsedFile {
  let lineIndex: LineIndex | undefined;
  const file: ParsedFile = {
    text,
    documents: [],
    findings: [],
    get lineIndex() {
      return (lineIndex ??= new LineIndex(text));
    },
  };
  const maxChars = limits.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) {
    file.findings.push(syntax(0, 0, `The file is ${mb(text.length)} MB; Release Safety checks files up to ${mb(maxChars)} MB. Split it into smaller files.`));
    return file;
  }
  const tooDeep = findExcessiveNesting(text, limits.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (tooDeep !== undefined) {
    file.findings.push(syntax(tooDeep, 1, `The YAML is nested more than ${limits.maxDepth ?? DEFAULT_MAX_DEPTH} levels deep here; no rollout file needs that. Flatten it.`));
    return file;
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, PARSE_OPTIONS) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = []; // EmptyStream: a file with only comments
  } catch (e) {
    file.findings.push(syntax(0, 0, `The YAML could not be read (${(e as Error).message}). Check the file's syntax.`));
    return file;
  }
  docs.forEach((doc, index) => {
    for (const err of doc.errors) {
      // yaml may point one past the end (an unclosed quote at EOF): keep ranges inside the text.
      const start = Math.min(err.pos[0], text.length);
      const end = Math.min(Math.max(err.pos[1], start), text.length);
      file.findings.push({ ...syntax(start, end - start, cleanMessage(err.message)), docIndex: index });
    }
    const kind = safeSniff(doc);
    const [start, , end] = doc.range;
    file.documents.push({ index, kind, doc, offset: start, length: end - start });
  });
  return file;
}

export function safeSniff(doc: Document.Parsed): DocumentKind | null {
  try {
    return sniffDocument(doc);
  } catch {
    return null;
  }
}

export function syntax(offset: number, length: number, message: string): Finding {
  return { rule: 'yaml/syntax', severity: 'error', message, offset, length };
}

function mb(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/** yaml's messages end with a code frame and line info; the editor shows the position itself. */
export function cleanMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  return first.endsWith('.') ? first : `${first}.`;
}

/**
 * A linear scan for nesting that would make the parser recurse too deep: flow brackets and
 * block indentation levels. Returns the offset where the limit is crossed.
 */
export function findExcessiveNesting(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inQuote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) {
      if (c === '\\' && inQuote === '"') i++;
      else if (c === inQuote || c === '\n') inQuote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || (c === "'" && (i === 0 || /[\s\[{,:]/.test(text[i - 1])))) inQuote = c;
    else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  // Block nesting: indentation of N spaces can hold at most N levels.
  let lineStart = 0;
  while (lineStart < text.length) {
    let j = lineStart;
    while (j < text.length && (text[j] === ' ' || text[j] === '-')) j++;
    if (j - lineStart > maxDepth * 2) return lineStart;
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return undefined;
}
