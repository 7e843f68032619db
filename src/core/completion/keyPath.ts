/** The path (keys and indices) of the map key under an offset, for schema descriptions on hover. */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { PathSegment } from './cursorContext';

export function keyPathAt(doc: Document.Parsed, offset: number): { path: PathSegment[]; key: string } | undefined {
  return walk(doc.contents as Node | null, [], offset);
}

function walk(
  node: Node | null | undefined,
  path: PathSegment[],
  offset: number,
): { path: PathSegment[]; key: string } | undefined {
  if (!node || !node.range) return undefined;
  // Only descend into nodes that hold the offset: one path from the root, linear in depth.
  if (offset < node.range[0] || offset > node.range[2]) return undefined;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      const r = item.key.range;
      if (r && offset >= r[0] && offset <= r[1]) return { path: [...path, key], key };
      const found = walk(item.value as Node | null, [...path, key], offset);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = walk(node.items[i] as Node | null, [...path, i], offset);
      if (found) return found;
    }
  }
  return undefined;
}
