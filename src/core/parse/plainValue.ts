/**
 * A parsed document as plain JavaScript (objects, arrays, scalars), for schema validation: the
 * value `doc.toJS()` gives, built in one direct walk. yaml's own conversion is general (aliases,
 * merge keys, Map output, custom tags, anchors tracked for every node), and on a manifest it costs
 * about a tenth of the parse. This walk handles what manifests hold, plain maps, sequences and
 * scalars with scalar keys, and gives up (`undefined`) on anything else, so the caller converts
 * that document with `doc.toJS()` instead and the result is always the same.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

/** Names a fresh object inherits: assigning one (`__proto__`) would not make an own property. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Returned from deep inside the walk when a node needs yaml's own conversion. */
const UNSUPPORTED = Symbol('unsupported');

/** The document's contents as `doc.toJS()` would give them, or undefined to ask `doc.toJS()`. */
export function plainValueOf(doc: Document.Parsed): { value: unknown } | undefined {
  const value = plain(doc.contents);
  return value === UNSUPPORTED ? undefined : { value };
}

function plain(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  // Exact classes: a subclass (YAML 1.1's !!omap, !!set, !!pairs) converts its own way.
  const type = (node as object).constructor;
  if (type === Scalar) return scalarValue(node as Scalar);
  if (type === YAMLMap) return plainMap(node as YAMLMap);
  if (type === YAMLSeq) return plainSeq(node as YAMLSeq);
  return UNSUPPORTED; // an alias (expanded, and counted against alias bombs), a Pair in a sequence
}

/** A scalar's value as yaml keeps it (`keep`): primitives only; a Date or a merge key's symbol is yaml's. */
function scalarValue(node: Scalar): unknown {
  const v = node.value;
  if (v === null) return null;
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' ? v : UNSUPPORTED;
}

function plainMap(map: YAMLMap): unknown {
  const out: Record<string, unknown> = {};
  for (const item of map.items) {
    if ((item as object).constructor !== Pair) return UNSUPPORTED;
    const key = keyString(item.key);
    if (key === undefined) return UNSUPPORTED;
    const value = plain(item.value);
    if (value === UNSUPPORTED) return UNSUPPORTED;
    // As yaml does: a key the object inherits (`constructor`, `__proto__`) becomes an own property.
    if (INHERITED.has(key))
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

function plainSeq(seq: YAMLSeq): unknown {
  const out: unknown[] = [];
  for (const item of seq.items) {
    const value = plain(item);
    if (value === UNSUPPORTED) return UNSUPPORTED;
    out.push(value);
  }
  return out;
}

/** A scalar key as the property name yaml gives it; undefined for merge keys and collection keys. */
function keyString(key: unknown): string | undefined {
  if (key === null) return '';
  if (key === undefined || (key as object).constructor !== Scalar) return undefined;
  const v = scalarValue(key as Scalar);
  if (v === UNSUPPORTED || v === '<<') return undefined; // `<<` may be a merge key: yaml decides
  return v === null ? '' : String(v);
}
