/**
 * Text edits for fixes that keep the user's comments and formatting: instead of re-printing the
 * document (which would reflow it), each helper computes the smallest insertion or replacement
 * at the right place and indentation. The values are rendered by `yaml` so quoting is right.
 */
import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../finding';

/** A plain value to write: scalars, lists and maps of them. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** The line break the text already uses ("\n" when it has none). */
export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Column of the character at `offset` (0-based, counted from its line's start). */
export function columnAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return offset - i;
}

/** Offset of the end of the line holding `offset` (before its line break). */
function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** `key: value` as block YAML lines, the first line unindented, the rest indented by `indent`. */
function renderBlockEntry(key: string, value: YamlValue, indent: string, eol: string): string {
  const out = stringify({ [key]: value }, { indent: 2, lineWidth: 0 }).replace(/\n$/, '');
  return out
    .split('\n')
    .map((line, i) => (i === 0 ? line : indent + line))
    .join(eol);
}

/** A value in flow style, for `{a: 1}` maps and `[x]` lists: `[ { channel: x } ]` -> `[{ channel: x }]`. */
export function renderFlow(value: YamlValue): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
}

/** A scalar as YAML would write it (quoted only when it must be). */
export function renderScalar(value: string | number | boolean | null): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/**
 * Adds `key: value` to a map, after its last entry: a new line at the entries' indentation for a
 * block map, `, key: value` before the closing brace of a flow map.
 */
export function insertMapEntry(text: string, map: YAMLMap, key: string, value: YamlValue): TextEdit {
  const eol = eolOf(text);
  const [start, end] = map.range ?? [0, 0, 0];
  if (map.flow) {
    const close = text.lastIndexOf('}', end);
    const inner = text.slice(start + 1, close);
    const body = inner.trimEnd();
    const at = start + 1 + body.length;
    const sep = body.trim() === '' || body.endsWith(',') ? (body.endsWith(',') ? ' ' : '') : ', ';
    return { offset: at, length: 0, newText: `${sep}${key}: ${renderFlow(value)}` };
  }
  const first = map.items[0] as Pair | undefined;
  const firstKeyOffset = first && isScalar(first.key) && first.key.range ? first.key.range[0] : start;
  const indent = ' '.repeat(columnAt(text, firstKeyOffset));
  const entry = renderBlockEntry(key, value, indent, eol);
  // After the map's last content (a block map's range often ends after its final line break),
  // at the end of that line so that a trailing comment stays with its entry.
  const at = lineEndAt(text, trimEndWhitespace(text, start, end));
  return { offset: at, length: 0, newText: `${eol}${indent}${entry}` };
}

/**
 * Appends an item to a list: `, item` before the `]` of a flow list, or a new `- item` line at the
 * items' indentation after the last item of a block list.
 */
export function appendSeqItem(text: string, seq: YAMLSeq, value: YamlValue): TextEdit {
  const [start, end] = seq.range ?? [0, 0, 0];
  if (seq.flow) {
    const close = text.lastIndexOf(']', end);
    const body = text.slice(start + 1, close).trimEnd();
    const at = start + 1 + body.length;
    const sep = body.trim() === '' ? '' : body.endsWith(',') ? ' ' : ', ';
    // `[ ]` becomes `[100]`, not `[100 ]`.
    const length = body.trim() === '' ? close - at : 0;
    return { offset: at, length, newText: `${sep}${renderFlow(value)}` };
  }
  const eol = eolOf(text);
  const indent = ' '.repeat(columnAt(text, start));
  const item = stringify([value], { indent: 2, lineWidth: 0 })
    .replace(/\n$/, '')
    .split('\n')
    .map((l, i) => (i === 0 ? l : indent + l))
    .join(eol);
  const at = lineEndAt(text, trimEndWhitespace(text, start, end));
  return { offset: at, length: 0, newText: `${eol}${indent}${item}` };
}

/**
 * Gives a key whose value is empty (`canary:` with nothing after it, or `~`) a first entry:
 * `canary:\n  key: value`, indented two more than the key.
 */
export function fillEmptyPair(text: string, pair: Pair, key: string, value: YamlValue): TextEdit | undefined {
  if (!isEmptyValue(pair)) return undefined;
  return blockValueAfterKey(text, pair, { [key]: value });
}

/**
 * Sets `key` in `map` to `value`: replaces the existing value (keeping its comment), fills an
 * empty one, or inserts a new entry. The edit for "add or replace" fixes such as
 * `on_failure: rollback`.
 */
export function setMapValue(text: string, map: YAMLMap, key: string, value: YamlValue): TextEdit {
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
  if (!pair) return insertMapEntry(text, map, key, value);
  if (isEmptyValue(pair)) {
    if (typeof value === 'object' && value !== null && !map.flow) return blockValueAfterKey(text, pair, value);
    const colon = colonAfterKey(text, pair);
    const v = pair.value as Node | null;
    const end = v?.range ? v.range[1] : colon + 1;
    const body = typeof value === 'object' && value !== null ? renderFlow(value) : renderScalar(value);
    return { offset: colon + 1, length: Math.max(0, end - (colon + 1)), newText: ` ${body}` };
  }
  return replaceValue(text, pair.value as Node, value, map.flow ?? false, pair);
}

/**
 * Replaces a value node. A scalar becomes the new scalar in place; a collection value becomes
 * block lines under a block key, or its flow form inside flow collections.
 */
export function replaceValue(text: string, node: Node, value: YamlValue, inFlow = false, pair?: Pair): TextEdit {
  const [start, end] = node.range ?? [0, 0];
  const contentEnd = isMap(node) || isSeq(node) ? trimEndWhitespace(text, start, end) : end;
  if (typeof value === 'object' && value !== null) {
    const nodeIsFlow = (isMap(node) || isSeq(node)) && (node as YAMLMap).flow;
    if (!inFlow && pair && !nodeIsFlow) return blockValueAfterKey(text, pair, value, contentEnd);
    return { offset: start, length: contentEnd - start, newText: renderFlow(value) };
  }
  return keepCommentColumn(text, { offset: start, length: contentEnd - start, newText: renderScalar(value) });
}

/**
 * `on_failure: pause    # why` -> `on_failure: rollback # why`: a longer value eats the padding
 * before a trailing comment (keeping one space), so aligned comments stay aligned.
 */
function keepCommentColumn(text: string, edit: TextEdit): TextEdit {
  const grow = edit.newText.length - edit.length;
  if (grow <= 0) return edit;
  const i = edit.offset + edit.length;
  let spaces = 0;
  while (text[i + spaces] === ' ') spaces++;
  if (text[i + spaces] !== '#' || spaces < 2) return edit;
  const eat = Math.min(grow, spaces - 1);
  return { ...edit, length: edit.length + eat };
}

/** True when a pair's value is missing or null (`key:`, `key: ~`, `key: null`). */
function isEmptyValue(pair: Pair): boolean {
  const v = pair.value as Node | null;
  return !v || (isScalar(v) && v.value === null);
}

function colonAfterKey(text: string, pair: Pair): number {
  const k = pair.key as Node;
  const from = k.range ? k.range[1] : 0;
  const colon = text.indexOf(':', from);
  return colon < 0 ? from : colon;
}

/** Writes `value` as block lines after `key:`, replacing whatever stood up to `replaceEnd`. */
function blockValueAfterKey(text: string, pair: Pair, value: YamlValue, replaceEnd?: number): TextEdit {
  const eol = eolOf(text);
  const k = pair.key as Node;
  const indent = ' '.repeat(columnAt(text, k.range ? k.range[0] : 0) + 2);
  const body = stringify(value, { indent: 2, lineWidth: 0 })
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => indent + l)
    .join(eol);
  const colon = colonAfterKey(text, pair);
  const v = pair.value as Node | null;
  if (replaceEnd === undefined && (!v?.range || v.range[1] === v.range[0])) {
    // Nothing written after the colon: append at the line's end, after any comment there.
    return { offset: lineEndAt(text, colon), length: 0, newText: `${eol}${body}` };
  }
  const end = replaceEnd ?? v!.range![1];
  return { offset: colon + 1, length: Math.max(0, end - (colon + 1)), newText: `${eol}${body}` };
}

function trimEndWhitespace(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Applies non-overlapping edits (any order) to a text: for tests, the CLI's --fix and previews. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.offset + e.length > lastStart) continue; // overlapping: keep the later one only
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
    lastStart = e.offset;
  }
  return out;
}
