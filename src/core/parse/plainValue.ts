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

/**
 * The document's contents as `doc.toJS()` would give them, or undefined to ask `doc.toJS()`. With
 * the document's JSON schema, a map the schema accepts whatever it holds (a Rollout's pod
 * `template`, any `metadata`: `{type: object}` and words for people) is given as `{}`: it validates
 * the same, and it is only checked for what would send the document to yaml, not copied.
 */
export function plainValueOf(doc: Document.Parsed, schema?: object): { value: unknown } | undefined {
  const value = plain(doc.contents, schema, true);
  return value === UNSUPPORTED ? undefined : { value };
}

/** What an unbuilt node gives: it was only checked. */
const CHECKED = Symbol('checked');

function plain(node: unknown, schema: unknown, build: boolean): unknown {
  if (node === null || node === undefined) return node;
  // Exact classes: a subclass (YAML 1.1's !!omap, !!set, !!pairs) converts its own way.
  const type = (node as object).constructor;
  if (type === Scalar) return scalarValue(node as Scalar);
  if (type === YAMLMap) return plainMap(node as YAMLMap, schema, build);
  if (type === YAMLSeq) return plainSeq(node as YAMLSeq, schema, build);
  return UNSUPPORTED; // an alias (expanded, and counted against alias bombs), a Pair in a sequence
}

function plainMap(map: YAMLMap, schema: unknown, build: boolean): unknown {
  const keep = build && !acceptsAnyObject(schema);
  const out: Record<string, unknown> | undefined = keep ? {} : undefined;
  const properties = keep ? propertiesOf(schema) : undefined;
  for (const item of map.items) {
    if ((item as object).constructor !== Pair) return UNSUPPORTED;
    const key = keyString(item.key);
    if (key === undefined) return UNSUPPORTED;
    const child = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
    const value = plain(item.value, child, keep);
    if (value === UNSUPPORTED) return UNSUPPORTED;
    if (!out) continue;
    // As yaml does: a key the object inherits (`constructor`, `__proto__`) becomes an own property.
    if (INHERITED.has(key))
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
  }
  return out ?? (build ? {} : CHECKED);
}

function plainSeq(seq: YAMLSeq, schema: unknown, build: boolean): unknown {
  const out: unknown[] | undefined = build ? [] : undefined;
  const items = build ? itemsOf(schema) : undefined;
  for (const item of seq.items) {
    const value = plain(item, items, build);
    if (value === UNSUPPORTED) return UNSUPPORTED;
    out?.push(value);
  }
  return out ?? CHECKED;
}

/** Keywords that only describe (for people and editors): they accept every value. */
const WORDS = [
  'description',
  'title',
  'markdownDescription',
  'examples',
  'default',
  '$comment',
  'enumDescriptions',
  '$schema',
  '$id',
];
/** Keywords of an object schema whose `properties` alone say what each property's value must be. */
const PLAIN_OBJECT = new Set([...WORDS, 'type', 'properties', 'required', 'additionalProperties', 'minProperties']);
const PLAIN_ARRAY = new Set([...WORDS, 'type', 'items', 'minItems']);
const ANY_OBJECT = new Set([...WORDS, 'type']);

/** What the walk needs to know of a schema object, worked out once per schema object. */
interface SchemaShape {
  /** `{type: object}` and words: every map passes, whatever it holds. */
  anyObject: boolean;
  /** The schemas of a map's properties, when nothing else in the schema looks at their values. */
  properties?: Record<string, unknown>;
  /** The schema of every item of a sequence, when nothing else in the schema looks at them. */
  items?: unknown;
}

const shapes = new WeakMap<object, SchemaShape>();

function shapeOf(schema: unknown): SchemaShape | undefined {
  if (!isSchema(schema)) return undefined;
  let shape = shapes.get(schema);
  if (!shape) {
    const keys = Object.keys(schema);
    shape = { anyObject: schema.type === 'object' && keys.every((k) => ANY_OBJECT.has(k)) };
    if (keys.every((k) => PLAIN_OBJECT.has(k)) && isSchema(schema.properties)) shape.properties = schema.properties;
    if (keys.every((k) => PLAIN_ARRAY.has(k)) && isSchema(schema.items)) shape.items = schema.items;
    shapes.set(schema, shape);
  }
  return shape;
}

function acceptsAnyObject(schema: unknown): boolean {
  return shapeOf(schema)?.anyObject ?? false;
}

function propertiesOf(schema: unknown): Record<string, unknown> | undefined {
  return shapeOf(schema)?.properties;
}

function itemsOf(schema: unknown): unknown {
  return shapeOf(schema)?.items;
}

function isSchema(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar's value as yaml keeps it (`keep`): primitives only; a Date or a merge key's symbol is yaml's. */
function scalarValue(node: Scalar): unknown {
  const v = node.value;
  if (v === null) return null;
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' ? v : UNSUPPORTED;
}

/** A scalar key as the property name yaml gives it; undefined for merge keys and collection keys. */
function keyString(key: unknown): string | undefined {
  if (key === null) return '';
  if (key === undefined || (key as object).constructor !== Scalar) return undefined;
  const v = scalarValue(key as Scalar);
  if (v === UNSUPPORTED || v === '<<') return undefined; // `<<` may be a merge key: yaml decides
  return v === null ? '' : String(v);
}
