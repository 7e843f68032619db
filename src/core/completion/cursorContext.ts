/**
 * Where the cursor is in a YAML file, in schema terms: the path of the map whose key is being
 * typed, or of the value being typed, plus the word typed so far and the range to replace.
 *
 * Half-typed documents are the normal case while completing, so the path does not come from the
 * document as it is: the cursor's line is rewritten with a placeholder (a key `__rs_cursor__: 0`
 * or a value `__rs_cursor__`), the result is parsed with `yaml` (which recovers from most errors
 * and still builds a tree), and the placeholder's path in that tree is the cursor's path. Only the
 * cursor's line changes, so the rest of the document keeps its structure and offsets.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Ref } from '../parse/yamlNodes';

export type PathSegment = string | number;

export interface CursorContext {
  /** 'key': a map key is being typed at `path`; 'value': the value at `path` is being typed. */
  mode: 'key' | 'value';
  path: PathSegment[];
  /** What was typed of the key or value so far (quotes stripped). */
  prefix: string;
  /** The text that a chosen item replaces (the word being typed, with its opening quote). */
  replace: Ref;
  /** Column of the key being typed (for snippets that span lines). */
  indent: number;
  /** The line's leading whitespace width (editors indent a snippet's later lines by this much). */
  lineIndent: number;
  /** The line starts with `- ` (a new sequence item). */
  inSequenceItem: boolean;
  /** The cursor sits right after `key:` with no space yet: a value must start with one. */
  needsSpace: boolean;
  /** The document's top-level keys (with the placeholder removed), to sniff what it is. */
  topLevelKeys: string[];
  /** The root map's scalar values by key, e.g. apiVersion / kind. */
  rootScalars: Record<string, string>;
  /** Keys already written in the map the cursor is in (key mode): not offered again. */
  siblingKeys: string[];
  docIndex: number;
}

const PLACEHOLDER = '__rs_cursor__';

// `  - - key: value` -> indent, dashes, key, rest after the colon
const KEY_VALUE = /^(\s*)((?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#:'"][^#:]*?)):(?:\s+(.*))?$/;
const KEY_ONLY = /^(\s*)((?:-\s+)*)([^\s#:]*)$/;

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const o = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', o - 1) + 1;
  let lineEnd = text.indexOf('\n', o);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const before = text.slice(lineStart, o);
  if (before.trimStart().startsWith('#') || before.includes(' #')) return undefined; // in a comment

  let rewritten: string;
  let mode: 'key' | 'value';
  let prefix: string;
  let replaceStart: number;
  let indent: number;
  let lineIndent: number;
  let inSequenceItem: boolean;
  let needsSpace = false;
  const kv = KEY_VALUE.exec(before);
  const keyOnly = kv ? null : KEY_ONLY.exec(before);
  if (kv) {
    const [, lead, dashes, , rest = ''] = kv;
    const valueStart = before.length - rest.length;
    const head = before.slice(0, valueStart).replace(/:$/, ': ');
    needsSpace = before.endsWith(':');
    const flow = flowPrefix(rest);
    mode = 'value';
    indent = lead.length + dashes.length;
    lineIndent = lead.length;
    inSequenceItem = dashes.length > 0;
    if (flow) {
      // `on: [breach, ro|` -> the item being typed of a flow sequence
      prefix = flow.word;
      replaceStart = lineStart + valueStart + flow.wordStart;
      rewritten = `${head}[${PLACEHOLDER}]`;
    } else if (/^[{[]/.test(rest.trim()) || rest.includes(': ')) {
      return undefined; // inside a flow map: not offered (rare in these files)
    } else {
      const quote = /^["']/.test(rest) ? 1 : 0;
      prefix = rest.slice(quote);
      replaceStart = lineStart + valueStart;
      rewritten = `${head}${PLACEHOLDER}`;
    }
  } else if (keyOnly) {
    const [, lead, dashes, word] = keyOnly;
    mode = 'key';
    prefix = word;
    indent = lead.length + dashes.length;
    lineIndent = lead.length;
    inSequenceItem = dashes.length > 0;
    replaceStart = o - word.length;
    rewritten = `${lead}${dashes}${PLACEHOLDER}: 0`;
  } else {
    return undefined;
  }
  // Keep what follows the cursor on the line only when it is the rest of the word being replaced.
  const afterWord = /^[^\s,\]}:#]*/.exec(text.slice(o, lineEnd))?.[0] ?? '';
  const replace = { offset: replaceStart, length: o + afterWord.length - replaceStart };

  const patched = text.slice(0, lineStart) + rewritten + text.slice(lineEnd);
  const found = findPlaceholder(patched, lineStart);
  if (!found) return undefined;
  let path = found.path;
  if (mode === 'key') path = path.slice(0, -1); // the placeholder key's map
  // `- word` in a list of scalars is a value, not a key: the schema decides; keep both readings.
  return {
    mode,
    path,
    prefix,
    replace,
    indent,
    lineIndent,
    inSequenceItem,
    needsSpace,
    topLevelKeys: found.topLevelKeys,
    rootScalars: found.rootScalars,
    siblingKeys: found.siblingKeys,
    docIndex: found.docIndex,
  };
}

/** In `[a, b, c` (an unclosed flow sequence), the word being typed and where it starts. */
function flowPrefix(rest: string): { word: string; wordStart: number } | undefined {
  if (!rest.startsWith('[') || rest.includes(']')) return undefined;
  const lastSep = Math.max(rest.lastIndexOf('['), rest.lastIndexOf(','));
  let start = lastSep + 1;
  while (rest[start] === ' ') start++;
  if (rest[start] === '"' || rest[start] === "'") start++;
  return { word: rest.slice(start), wordStart: start };
}

function findPlaceholder(
  text: string,
  near: number,
):
  | {
      path: PathSegment[];
      docIndex: number;
      topLevelKeys: string[];
      rootScalars: Record<string, string>;
      siblingKeys: string[];
    }
  | undefined {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) return undefined;
  } catch {
    return undefined;
  }
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const [start, , end] = doc.range;
    if (near < start || near > end) continue;
    const siblingKeys: string[] = [];
    const path = walk(doc.contents as Node | null, [], siblingKeys);
    if (!path) continue;
    const topLevelKeys: string[] = [];
    const rootScalars: Record<string, string> = {};
    if (isMap(doc.contents)) {
      for (const item of doc.contents.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const k = String(item.key.value);
        if (k === PLACEHOLDER) continue;
        topLevelKeys.push(k);
        if (isScalar(item.value) && item.value.value !== PLACEHOLDER) rootScalars[k] = String(item.value.value);
      }
    }
    return { path, docIndex: i, topLevelKeys, rootScalars, siblingKeys };
  }
  return undefined;
}

/** The path to the placeholder (as a key or a scalar value), depth first. */
function walk(node: Node | null | undefined, path: PathSegment[], siblings: string[]): PathSegment[] | undefined {
  if (!node) return undefined;
  if (isScalar(node)) return node.value === PLACEHOLDER ? path : undefined;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : undefined;
      if (key === PLACEHOLDER) {
        for (const other of node.items)
          if (isPair(other) && isScalar(other.key) && other.key.value !== PLACEHOLDER)
            siblings.push(String(other.key.value));
        return [...path, PLACEHOLDER];
      }
      if (key === undefined) continue;
      const found = walk(item.value as Node | null, [...path, key], siblings);
      if (found) return found;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = walk(node.items[i] as Node | null, [...path, i], siblings);
      if (found) return found;
    }
  }
  return undefined;
}
