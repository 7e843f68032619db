/**
 * Parses every YAML document of a file, keeping offsets, and sniffs each one.
 * Never throws: syntax errors and hostile input (too large, nested too deep) become
 * `yaml/syntax` findings with a message that says what to do, but only for documents that are
 * ours (sniffed from the raw text when they do not parse): a broken Kubernetes manifest or
 * docker-compose file is not our business. A Go / Helm template gets one `yaml/template` finding
 * (when it holds one of our kinds) instead of the parse errors of its unrendered text.
 */
import type { Document } from 'yaml';
import type { Finding } from '../lint/finding';
import type { LineIndex } from '../text/lineIndex';
import { ParsedText } from './parsedText';
import { sniffDocument, type DocumentKind } from './sniff';
import { fileNamesOurKind, sniffText } from './sniffText';
import { findTemplateDirective } from './goTemplate';
import { parseAllDocumentsAsKubernetes } from './kubeYaml';
import { yamlFinding } from '../lint/rules/yaml/yamlMetas';

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
  /** `yaml/syntax` findings (severity error) and the `yaml/template` finding (info). */
  findings: Finding[];
  /** The file is a Go / Helm template: its documents are not linted as written. */
  template?: boolean;
  readonly lineIndex: LineIndex;
}

export interface ParseLimits {
  /** Characters; larger files get one finding instead of a parse. Default 8 MB. */
  maxChars?: number;
  /** Flow/block nesting depth; deeper input gets one finding. Default 500. */
  maxDepth?: number;
  /**
   * The file is known to be ours (the editor saw one of our kinds in it): its syntax errors are
   * reported even while a typo hides the kind (`[canary:`), instead of the file going silent.
   */
  ours?: boolean;
}

export const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 500;

export function parseFile(text: string, limits: ParseLimits = {}): ParsedFile {
  const file = new ParsedText(text);
  const maxChars = limits.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) {
    if (limits.ours || fileNamesOurKind(text.slice(0, SNIFF_PREFIX)))
      file.findings.push(yamlFinding('yaml/syntax', 'tooLarge', 0, 0, { size: mb(text.length), limit: mb(maxChars) }));
    return file;
  }
  const template = findTemplateDirective(text);
  if (template) {
    file.template = true;
    if (fileNamesOurKind(text))
      file.findings.push(
        yamlFinding('yaml/template', 'template', template.offset, template.length, {
          line: lineOf(text, template.offset),
        }),
      );
    return file;
  }
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const tooDeep = findExcessiveNesting(text, maxDepth);
  if (tooDeep !== undefined) {
    if (limits.ours || fileNamesOurKind(text))
      file.findings.push(yamlFinding('yaml/syntax', 'tooDeep', tooDeep, 1, { depth: maxDepth }));
    return file;
  }
  let docs: Document.Parsed[];
  try {
    // uniqueKeys: a duplicated key is a real mistake in a rollout file (kubectl refuses it too).
    // merge: `<<: *defaults` merge keys, which go-yaml (and so kubectl) resolves; only looked for
    // when the text has one, since checking every key for it costs a tenth of the parse.
    docs = parseAllDocumentsAsKubernetes(text, parseOptionsFor(text));
  } catch (e) {
    if (limits.ours || fileNamesOurKind(text))
      file.findings.push(yamlFinding('yaml/syntax', 'unreadable', 0, 0, { detail: (e as Error).message }));
    return file;
  }
  docs.forEach((doc, index) => {
    const [start, , end] = doc.range;
    let kind = safeSniff(doc);
    if (doc.errors.length > 0) {
      // The tree of a broken document may have lost its apiVersion or kind: ask its text as well.
      kind ??= sniffText(text.slice(start, end));
      if (kind !== null || limits.ours) {
        for (const err of doc.errors) {
          // yaml may point one past the end (an unclosed quote at EOF): keep ranges inside the text.
          const at = Math.min(err.pos[0], text.length);
          const to = Math.min(Math.max(err.pos[1], at), text.length);
          file.findings.push({
            ...yamlFinding('yaml/syntax', 'parse', at, to - at, { detail: cleanMessage(err.message) }),
            docIndex: index,
          });
        }
      }
    }
    file.documents.push({ index, kind, doc, offset: start, length: end - start });
  });
  return file;
}

/**
 * The parser's options, the same for a whole file and for one of its documents (yamlDocuments.ts):
 * uniqueKeys, since a duplicated key is a real mistake in a rollout file (kubectl refuses it too);
 * merge, for `<<: *defaults` merge keys, which go-yaml (and so kubectl) resolves: only looked for
 * when the text has one, since checking every key for it costs a tenth of the parse.
 */
export function parseOptionsFor(text: string) {
  return {
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    merge: text.includes('<<'),
    logLevel: 'error',
  } as const;
}

/** Enough of a huge file to see what it is without scanning all of it. */
const SNIFF_PREFIX = 1024 * 1024;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function safeSniff(doc: Document.Parsed): DocumentKind | null {
  try {
    return sniffDocument(doc);
  } catch {
    return null;
  }
}

function mb(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/** yaml's messages end with a code frame and line info; the editor shows the position itself. */
export function cleanMessage(message: string): string {
  const first = message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  return first.endsWith('.') ? first : `${first}.`;
}

const BRACKET_SCAN = /["'#[\]{}]/g;
const [NEWLINE, SPACE, HASH, BACKSLASH] = [10, 32, 35, 92];
const [DOUBLE_QUOTE, SINGLE_QUOTE] = [34, 39];
const [OPEN_SQUARE, CLOSE_SQUARE, OPEN_CURLY, CLOSE_CURLY] = [91, 93, 123, 125];

/**
 * A linear scan for nesting that would make the parser recurse too deep: flow brackets and
 * block indentation levels. Returns the offset where the limit is crossed.
 */
export function findExcessiveNesting(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  // Only quotes, comments and brackets matter here: the regex skips everything else in one step.
  const scan = BRACKET_SCAN;
  scan.lastIndex = 0;
  for (let m = scan.exec(text); m; m = scan.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === HASH) {
      const before = i === 0 ? NEWLINE : text.charCodeAt(i - 1);
      if (before !== SPACE && before !== NEWLINE) continue;
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      scan.lastIndex = end + 1;
    } else if (c === DOUBLE_QUOTE || (c === SINGLE_QUOTE && (i === 0 || /[\s\[{,:]/.test(text[i - 1])))) {
      // A quoted scalar ends at its quote or at the end of the line (its brackets are text).
      let j = i + 1;
      for (; j < text.length; j++) {
        const q = text.charCodeAt(j);
        if (q === BACKSLASH && c === DOUBLE_QUOTE) j++;
        else if (q === c || q === NEWLINE) break;
      }
      scan.lastIndex = j + 1;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > maxDepth) return i;
    } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && depth > 0) depth--;
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
