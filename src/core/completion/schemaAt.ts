/**
 * Walks a JSON Schema (draft-07 / 2020-12 subset: properties, items, prefixItems, $ref to local
 * definitions, oneOf / anyOf / allOf, if/then/else branches, enum / const, patternProperties,
 * additionalProperties) along a YAML path, keeping every alternative: while typing, the
 * document usually matches none of a union's branches yet, so completion offers all of them.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema | boolean>;
  patternProperties?: Record<string, JsonSchema | boolean>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema | boolean | JsonSchema[];
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: Array<JsonSchema | boolean>;
  anyOf?: Array<JsonSchema | boolean>;
  allOf?: Array<JsonSchema | boolean>;
  if?: JsonSchema | boolean;
  then?: JsonSchema | boolean;
  else?: JsonSchema | boolean;
  required?: string[];
  description?: string;
  markdownDescription?: string;
  title?: string;
  default?: unknown;
  examples?: unknown[];
  definitions?: Record<string, JsonSchema>;
  $defs?: Record<string, JsonSchema>;
  [extra: string]: unknown;
}

/** Every alternative the schema allows at `path` (empty when the path leaves the schema). */
export function schemasAt(root: JsonSchema, path: ReadonlyArray<string | number>): JsonSchema[] {
  let current = expand(root, root);
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current) next.push(...expand(childSchema(s, seg), root));
    current = dedupe(next);
    if (current.length === 0) break;
  }
  return current;
}

/** The property names the alternatives allow, each with its own alternatives (expanded). */
export function propertiesOf(
  schemas: readonly JsonSchema[],
  root: JsonSchema,
): Map<string, { schemas: JsonSchema[]; required: boolean }> {
  const out = new Map<string, { schemas: JsonSchema[]; required: boolean }>();
  for (const s of schemas) {
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      if (prop === false) continue;
      const required = !!s.required?.includes(name);
      const existing = out.get(name);
      if (existing) {
        existing.required ||= required;
        continue;
      }
      out.set(name, { schemas: expand(prop === true ? {} : prop, root), required });
    }
  }
  return out;
}

/** Enum and const values the alternatives allow, in schema order. */
export function enumValues(schemas: readonly JsonSchema[]): unknown[] {
  const out: unknown[] = [];
  for (const s of schemas) {
    for (const v of s.enum ?? []) if (!out.includes(v)) out.push(v);
    if (s.const !== undefined && !out.includes(s.const)) out.push(s.const);
  }
  return out;
}

export function typesOf(schemas: readonly JsonSchema[]): Set<string> {
  const out = new Set<string>();
  for (const s of schemas) {
    if (typeof s.type === 'string') out.add(s.type);
    else if (Array.isArray(s.type)) s.type.forEach((t) => out.add(t));
    else if (s.properties) out.add('object');
    else if (s.items) out.add('array');
    else if (s.enum?.length) s.enum.forEach((v) => out.add(typeof v === 'number' ? 'number' : typeof v));
  }
  return out;
}

export function descriptionOf(schemas: readonly JsonSchema[]): string | undefined {
  for (const s of schemas) {
    const d = s.markdownDescription ?? s.description;
    if (d) return d;
  }
  return undefined;
}

function childSchema(s: JsonSchema, seg: string | number): JsonSchema | boolean | undefined {
  if (typeof seg === 'number') {
    if (s.prefixItems && seg < s.prefixItems.length) return s.prefixItems[seg];
    if (Array.isArray(s.items)) return s.items[seg];
    return s.items;
  }
  const prop = s.properties?.[seg];
  if (prop !== undefined) return prop;
  for (const [pattern, p] of Object.entries(s.patternProperties ?? {})) {
    try {
      if (new RegExp(pattern, 'u').test(seg)) return p;
    } catch {
      // a pattern JavaScript cannot read: skip it rather than fail completion
    }
  }
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** Resolves $ref and flattens oneOf / anyOf / allOf / if-then-else into alternatives. */
function expand(s: JsonSchema | boolean | undefined, root: JsonSchema, depth = 0): JsonSchema[] {
  if (s === undefined || s === false || depth > 32) return [];
  if (s === true) return [{}];
  let base: JsonSchema = s;
  if (s.$ref) {
    const target = resolveRef(s.$ref, root);
    if (!target) return [];
    const { $ref: _ref, ...rest } = s;
    // Sibling keywords of $ref (a description, say) stay with it.
    return expand(target, root, depth + 1).map((t) => ({ ...t, ...rest }));
  }
  const alternatives = [...(s.oneOf ?? []), ...(s.anyOf ?? [])];
  const out: JsonSchema[] = [];
  const { oneOf: _o, anyOf: _a, allOf, if: _if, then, else: otherwise, ...own } = base;
  base = own;
  // allOf parts (and both if-branches, since we cannot know which applies yet) add their keywords.
  const parts = [
    ...(allOf ?? []),
    ...(then !== undefined ? [then] : []),
    ...(otherwise !== undefined ? [otherwise] : []),
  ];
  for (const part of parts) for (const p of expand(part, root, depth + 1)) base = mergeTwo(base, p);
  if (alternatives.length === 0) return [base];
  for (const alt of alternatives) for (const a of expand(alt, root, depth + 1)) out.push(mergeTwo(base, a));
  return out;
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined; // only local references: schemas ship in one file each
  let cur: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur && typeof cur === 'object' ? (cur as JsonSchema) : undefined;
}

function mergeTwo(a: JsonSchema, b: JsonSchema): JsonSchema {
  return {
    ...a,
    ...b,
    properties: a.properties || b.properties ? { ...a.properties, ...b.properties } : undefined,
    required: a.required || b.required ? [...(a.required ?? []), ...(b.required ?? [])] : undefined,
    description: b.description ?? a.description,
    markdownDescription: b.markdownDescription ?? a.markdownDescription,
  };
}

function dedupe(schemas: JsonSchema[]): JsonSchema[] {
  const seen = new Set<JsonSchema>();
  return schemas.filter((s) => (seen.has(s) ? false : (seen.add(s), true)));
}
