/**
 * The `---` documents of a YAML file, parsed one by one and remembered, so that an edit re-parses
 * only the document it touched (the shape of yaml-language-server's YamlDocuments cache, one
 * level finer). A document whose text did not change is reused; when an edit above it moved it,
 * its node ranges are shifted instead of parsed again. The result is the ParsedFile that
 * `parseFile` gives for the same text (tests hold the two equal).
 *
 * Files the split cannot be sure about (directives `%...`, explicit ends `...`, nesting beyond
 * the limit, anything that throws), Go / Helm templates, and files with a syntax error (whose
 * findings depend on sniffing the raw text, as `parseFile` does) are parsed whole.
 */
import { visit, type Document } from 'yaml';
import type { Finding } from '../lint/finding';
import { ParsedText } from './parsedText';
import {
  DEFAULT_MAX_CHARS,
  DEFAULT_MAX_DEPTH,
  findExcessiveNesting,
  parseFile,
  parseOptionsFor,
  safeSniff,
  type ParsedFile,
  type ParseLimits,
} from './parseFile';
import { parseAllDocumentsAsKubernetes } from './kubeYaml';
import { findTemplateDirective } from './goTemplate';
import type { DocumentKind } from './sniff';

/** One `---` chunk of the text, parsed, at its current place in the file. */
export interface DocumentChunk {
  text: string;
  /** Offset of the chunk in the file; the doc's node ranges are already in file offsets. */
  start: number;
  doc: Document.Parsed | null;
  kind: DocumentKind | null;
  /** `yaml/syntax` findings, in file offsets, without docIndex. */
  errors: Finding[];
}

/** Where the `---` lines split the text: chunk starts (line starts), or undefined when unsure. */
export function splitDocuments(text: string): number[] | undefined {
  if (/^(?:%|\.\.\.(?:[ \t\r]|$))/m.test(text)) return undefined;
  const starts: number[] = [0];
  let at = text.startsWith('---') ? 0 : text.indexOf('\n---');
  while (at >= 0) {
    const line = text[at] === '\n' ? at + 1 : at;
    const next = text.charCodeAt(line + 3);
    // "---" then a space, a tab, a line break or the end: a document marker ("---x" is a scalar).
    if (line + 3 >= text.length || next === 32 || next === 9 || next === 10 || next === 13) {
      if (line > 0) starts.push(line);
    }
    at = text.indexOf('\n---', line + 3);
  }
  // Only comments and blank lines before the first marker: they belong to the first document.
  if (starts.length > 1 && /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*$/.test(text.slice(0, starts[1]))) starts.splice(1, 1);
  return starts;
}

export class YamlDocuments {
  /** Chunks of the last parse, by their text (a list: two documents may be the same text). */
  private byText = new Map<string, DocumentChunk[]>();
  /** How many chunks the last parse took from the cache (for tests and benchmarks). */
  reused = 0;
  private chunks: DocumentChunk[] = [];

  constructor(private readonly limits: ParseLimits = {}) {}

  /** The chunks of the last `parse`, in file order. */
  get current(): readonly DocumentChunk[] {
    return this.chunks;
  }

  /** Forgets every document (the next parse reads the whole file). */
  clear(): void {
    this.byText.clear();
    this.chunks = [];
  }

  /**
   * Parses a new version of the text. `fresh` receives each chunk parsed now (not reused), so
   * that callers keeping per-document results know which to recompute.
   */
  parse(text: string, fresh?: (chunk: DocumentChunk) => void, limits: ParseLimits = this.limits): ParsedFile {
    this.reused = 0;
    const starts =
      text.length <= (limits.maxChars ?? DEFAULT_MAX_CHARS) && !findTemplateDirective(text)
        ? splitDocuments(text)
        : undefined;
    const chunks = starts ? this.chunksOf(text, starts, fresh) : undefined;
    if (!chunks) {
      this.clear();
      return parseFile(text, limits);
    }
    const next = new Map<string, DocumentChunk[]>();
    for (const c of chunks) next.set(c.text, [...(next.get(c.text) ?? []), c]);
    this.byText = next;
    this.chunks = chunks;
    return fileOf(text, chunks);
  }

  private chunksOf(
    text: string,
    starts: number[],
    fresh?: (chunk: DocumentChunk) => void,
  ): DocumentChunk[] | undefined {
    const out: DocumentChunk[] = [];
    const taken = new Set<DocumentChunk>();
    const parsed: DocumentChunk[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const chunkText = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
      const old = this.byText.get(chunkText)?.find((c) => !taken.has(c));
      if (old) {
        taken.add(old);
        if (old.start !== start) move(old, start - old.start);
        out.push(old);
        this.reused++;
        continue;
      }
      const chunk = parseChunk(chunkText, start, this.limits.maxDepth ?? DEFAULT_MAX_DEPTH);
      if (!chunk) return undefined;
      out.push(chunk);
      parsed.push(chunk);
    }
    if (fresh) parsed.forEach(fresh);
    return out;
  }
}

/** Parses one chunk; undefined when it must be parsed with the whole file instead. */
function parseChunk(text: string, start: number, maxDepth: number): DocumentChunk | undefined {
  if (findExcessiveNesting(text, maxDepth) !== undefined) return undefined;
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocumentsAsKubernetes(text, parseOptionsFor(text));
  } catch {
    return undefined;
  }
  if (docs.length > 1) return undefined;
  const doc = docs[0] ?? null;
  // A syntax error: whose it is, and what else it breaks, only the whole file says (parseFile
  // sniffs a broken document's raw text, and an unclosed quote reads on into the next document).
  if (doc && doc.errors.length > 0) return undefined;
  if (doc && start !== 0) shiftNodes(doc, start);
  return { text, start, doc, kind: doc ? safeSniff(doc) : null, errors: [] };
}

function move(chunk: DocumentChunk, delta: number): void {
  chunk.start += delta;
  if (chunk.doc) shiftNodes(chunk.doc, delta);
  chunk.errors = chunk.errors.map((f) => ({ ...f, offset: f.offset + delta }));
}

/** Moves every node range of a document by `delta` characters. */
function shiftNodes(doc: Document.Parsed, delta: number): void {
  const [a, b, c] = doc.range;
  doc.range = [a + delta, b + delta, c + delta];
  visit(doc, (_key, node) => {
    const n = node as { range?: [number, number, number] | null } | null;
    if (n?.range) n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
  });
}

function fileOf(text: string, chunks: DocumentChunk[]): ParsedFile {
  const file = new ParsedText(text);
  const { documents, findings } = file;
  for (const c of chunks) {
    if (!c.doc) continue;
    const index = documents.length;
    for (const e of c.errors) findings.push({ ...e, docIndex: index });
    const [start, , end] = c.doc.range;
    documents.push({ index, kind: c.kind, doc: c.doc, offset: start, length: end - start });
  }
  return file;
}
