/** Small readers over `yaml` AST nodes that keep source offsets. Aliases resolve, never expand. */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
  type Scalar,
} from 'yaml';

export interface Ref {
  offset: number;
  length: number;
}

export type AnyDoc = Document.Parsed | Document;

/** The range of a node's value (without trailing comments), as a Ref. */
export function refOf(node: Node | null | undefined, fallback: Ref = { offset: 0, length: 0 }): Ref {
  const r = node?.range;
  if (!r) return fallback;
  return { offset: r[0], length: Math.max(0, r[1] - r[0]) };
}

/** Follows an alias to its anchor (one hop is enough: an anchor is never an alias). */
export function deref(node: unknown, doc?: AnyDoc): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return doc ? (node.resolve(doc as Document) as Node | undefined) : undefined;
  return node as Node;
}

export function asMap(node: unknown, doc?: AnyDoc): YAMLMap | undefined {
  const n = deref(node, doc);
  return isMap(n) ? n : undefined;
}

export function asSeq(node: unknown, doc?: AnyDoc): YAMLSeq | undefined {
  const n = deref(node, doc);
  return isSeq(n) ? n : undefined;
}

export function asScalar(node: unknown, doc?: AnyDoc): Scalar | undefined {
  const n = deref(node, doc);
  return isScalar(n) ? n : undefined;
}

/** The pair whose key is `key` in a map, if any. */
export function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    const k = (item as Pair | null)?.key;
    // Most keys are strings: compare first, and only turn a number or boolean key into text.
    const found = isScalar(k) ? (typeof k.value === 'string' ? k.value : String(k.value)) === key : k === key;
    if (found && isPair(item)) return item as Pair;
  }
  return undefined;
}

/** The value node under `key` (aliases resolved when `doc` is given). */
export function valueOf(map: YAMLMap | undefined, key: string, doc?: AnyDoc): Node | undefined {
  const pair = pairOf(map, key);
  return pair ? deref(pair.value, doc) : undefined;
}

/** The key node of `key` in a map: where "missing X under here" findings point. */
export function keyRefOf(map: YAMLMap | undefined, key: string): Ref | undefined {
  const pair = pairOf(map, key);
  return pair && isScalar(pair.key) ? refOf(pair.key as Node) : undefined;
}

/** Walks maps by key and sequences by index. */
export function nodeAt(root: unknown, path: readonly (string | number)[], doc?: AnyDoc): Node | undefined {
  let cur = deref(root, doc);
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (typeof seg === 'number') {
      const seq = asSeq(cur, doc);
      cur = seq ? deref(seq.items[seg], doc) : undefined;
    } else {
      cur = valueOf(asMap(cur, doc), seg, doc);
    }
  }
  return cur;
}

/** A scalar's JS value (string, number, boolean, null), or undefined for collections / missing. */
export function scalarValue(node: unknown, doc?: AnyDoc): unknown {
  const s = asScalar(node, doc);
  return s ? s.value : undefined;
}

export function stringAt(root: unknown, path: readonly (string | number)[], doc?: AnyDoc): string | undefined {
  const v = scalarValue(nodeAt(root, path, doc), doc);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Entries of a map as [key string, pair]; non-scalar keys are skipped. */
export function entries(map: YAMLMap | undefined): Array<[string, Pair]> {
  const out: Array<[string, Pair]> = [];
  if (!map) return out;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key)) out.push([String((item.key as Scalar).value), item as Pair]);
  }
  return out;
}
