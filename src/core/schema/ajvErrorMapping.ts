/**
 * Turns ajv's errors into findings in the user's words, each on the YAML node it is about:
 * an unknown key on the key, a wrong type or a bad value on the value, a missing key on the key
 * (or item) that should hold it. anyOf / oneOf alternatives are collapsed first, so that
 * `click: 5` says "should be text or a map" once instead of once per alternative.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isSeq, type Node } from 'yaml';
import { asMap, nodeAt, pairOf, refOf, type AnyDoc, type Ref } from '../parse/yamlNodes';
import { closest } from './didYouMean';

export type SchemaRuleId = 'schema/unknown-key' | 'schema/wrong-type' | 'schema/missing-key' | 'schema/invalid-value';

export interface SchemaIssue extends Ref {
  rule: SchemaRuleId;
  message: string;
  /** The text the range would hold if the did-you-mean guess is right (offered as a suggestion, never applied on its own). */
  replacement?: string;
}

/** ajv's error plus the kinds this mapping adds when it collapses alternatives. */
interface Problem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  parentSchema?: Record<string, unknown>;
  schema?: unknown;
  data?: unknown;
  propertyName?: string;
}

export function mapAjvErrors(errors: readonly ErrorObject[], doc: AnyDoc): SchemaIssue[] {
  const problems = collapseAlternatives(errors as unknown as Problem[]);
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    const issue = toIssue(p, doc);
    if (!issue) continue;
    const key = `${issue.rule}:${issue.offset}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

// ---- collapsing anyOf / oneOf -------------------------------------------------------------

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

/**
 * ajv reports the failure of every alternative before the anyOf/oneOf error itself. The
 * alternatives whose `type` did not even match are noise; the rest say what is wrong. When every
 * alternative failed on its type, one wrong-type problem lists the types that would do.
 */
function collapseAlternatives(errors: Problem[]): Problem[] {
  const pending: Array<Problem | null> = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue; // reported by its propertyNames error
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      pending.push(e);
      continue;
    }
    const at = e.instancePath;
    const under = pending.map((p, i) => (p && within(p.instancePath, at) ? i : -1)).filter((i) => i >= 0);
    const passing = e.params.passingSchemas;
    if (e.keyword === 'oneOf' && Array.isArray(passing)) {
      // More than one alternative matched: for steps, more than one action in one step.
      for (const i of under) if (pending[i]!.instancePath === at && pending[i]!.keyword === 'required') pending[i] = null;
      pending.push({ ...e, keyword: 'oneOfMany' });
      continue;
    }
    const branches = Array.isArray(e.schema) ? e.schema.length : 0;
    const requiredHere = under.filter((i) => pending[i]!.instancePath === at && pending[i]!.keyword === 'required');
    if (e.keyword === 'oneOf' && branches > 0 && requiredHere.length >= branches) {
      // None of the alternatives' keys is there (a step without an action).
      const options = requiredHere.map((i) => String(pending[i]!.params.missingProperty));
      for (const i of requiredHere) pending[i] = null;
      pending.push({ ...e, keyword: 'requiredOneOf', params: { options } });
      continue;
    }
    const typeHere = under.filter((i) => pending[i]!.instancePath === at && pending[i]!.keyword === 'type');
    const others = under.filter((i) => !typeHere.includes(i));
    if (others.length === 0) {
      const types = new Set<string>();
      for (const i of typeHere) for (const t of typesOf(pending[i]!.params.type)) types.add(t);
      for (const i of typeHere) pending[i] = null;
      pending.push({ ...e, keyword: 'type', params: { type: [...types] } });
    } else {
      for (const i of typeHere) pending[i] = null;
    }
  }
  return dropExplainedByTypos(pending.filter((p): p is Problem => p !== null));
}

/** `nme:` is reported as an unknown key (did you mean `name`?); "needs `name`" on top would say the same twice. */
function dropExplainedByTypos(problems: Problem[]): Problem[] {
  const unknownAt = new Map<string, string[]>();
  for (const p of problems) {
    if (p.keyword !== 'additionalProperties') continue;
    const list = unknownAt.get(p.instancePath) ?? [];
    list.push(String(p.params.additionalProperty));
    unknownAt.set(p.instancePath, list);
  }
  return problems.filter((p) => {
    const unknown = unknownAt.get(p.instancePath);
    if (!unknown) return true;
    const wanted = p.keyword === 'required' ? [String(p.params.missingProperty)] : p.keyword === 'requiredOneOf' ? (p.params.options as string[]) : undefined;
    if (!wanted) return true;
    return !unknown.some((k) => closest(k, wanted) !== undefined);
  });
}

function typesOf(t: unknown): string[] {
  if (Array.isArray(t)) return t.map(String);
  return typeof t === 'string' ? t.split(',') : [];
}

// ---- one problem -> one issue ----------------------------------------------------------------

function toIssue(p: Problem, doc: AnyDoc): SchemaIssue | undefined {
  const path = parsePointer(p.instancePath);
  switch (p.keyword) {
    case 'additionalProperties': {
      const key = String(p.params.additionalProperty);
      if (key === '<<') return undefined; // a YAML merge key, not a typo
      const allowed = Object.keys((p.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      if (path.length === 0) return topLevelKey(doc, key, allowed, p.parentSchema);
      // A key already there is not what a typo meant (and renaming to it would duplicate it).
      const present = p.data && typeof p.data === 'object' ? new Set(Object.keys(p.data as object)) : new Set<string>();
      const guess = closest(key, allowed.filter((k) => !present.has(k)));
      const owner = ownerName(p.parentSchema, path);
      const hint = guess ? `did you mean \`${guess}\`?` : allowed.length ? `use one of: ${allowed.map((k) => `\`${k}\``).join(', ')}.` : 'remove it.';
      return { rule: 'schema/unknown-key', ...keyRange(doc, path, key), message: `\`${shorten(key)}\` is not a key of ${owner}; ${hint}`, ...(guess ? { replacement: guess } : {}) };
    }
    case 'type': {
      if (path.length === 1 && p.data === null) return undefined; // `canary:` / `synthetic:` not written yet: the rules say what is missing
      const expected = typesOf(p.params.type).map(typeWords);
      const unique = [...new Set(expected)];
      return {
        rule: 'schema/wrong-type',
        ...valueRange(doc, path),
        message: `${cap(describe(path))} should be ${orList(unique)}, not ${actualWords(p.data)}${formHint(p.parentSchema)}.`,
      };
    }
    case 'required': {
      const missing = String(p.params.missingProperty);
      return { rule: 'schema/missing-key', ...holderRange(doc, path), message: `${cap(holderName(p.parentSchema, path))} needs \`${missing}\`${example(missing)}.` };
    }
    case 'requiredOneOf': {
      const options = (p.params.options as string[]) ?? [];
      return {
        rule: 'schema/missing-key',
        ...holderRange(doc, path),
        message: `${cap(holderName(p.parentSchema, path))} has no action: add one of ${options.map((o) => `\`${o}\``).join(', ')}.`,
      };
    }
    case 'oneOfMany': {
      const data = p.data && typeof p.data === 'object' ? Object.keys(p.data as object) : [];
      const actions = oneOfKeys(p.schema).filter((k) => data.includes(k));
      const second = actions[1];
      const range = second ? keyRange(doc, path, second) : holderRange(doc, path);
      return {
        rule: 'schema/invalid-value',
        ...range,
        message: `A step does one thing, and this one has ${actions.map((a) => `\`${a}\``).join(' and ')}: split it into ${actions.length || 2} steps.`,
      };
    }
    case 'enum': {
      const allowed = ((p.params.allowedValues as unknown[]) ?? []).map(String);
      const value = typeof p.data === 'string' || typeof p.data === 'number' ? String(p.data) : undefined;
      const guess = value !== undefined ? closest(value, allowed) : undefined;
      const last = path[path.length - 1];
      const parent = path[path.length - 2];
      const what = typeof last === 'number' && typeof parent === 'string' ? `\`${parent}\` value` : describe(path);
      const head = value !== undefined ? `\`${shorten(value)}\` is not a valid ${what}` : `${cap(what)} has a value that is not allowed`;
      return {
        rule: 'schema/invalid-value',
        ...valueRange(doc, path),
        message: `${head}${guess ? `; did you mean \`${guess}\`?` : '.'} Use one of: ${allowed.join(', ')}.`,
        ...(guess ? { replacement: /^[A-Za-z][\w-]*$/.test(guess) ? guess : JSON.stringify(guess) } : {}),
      };
    }
    case 'propertyNames': {
      const name = String(p.params.propertyName ?? p.propertyName ?? '');
      return { rule: 'schema/invalid-value', ...keyRange(doc, path, name), message: `\`${shorten(name)}\` is not a JSONPath: start it with \`$\`, e.g. \`$.${shorten(name.replace(/^\W+/, '')) || 'status'}\`.` };
    }
    case 'pattern':
    case 'format': {
      const description = typeof p.parentSchema?.description === 'string' ? p.parentSchema.description : undefined;
      // The value itself is not repeated: it may be a URL with a token in it.
      return {
        rule: 'schema/invalid-value',
        ...valueRange(doc, path),
        message: `${cap(describe(path))} is not in the expected form${description ? `: ${lowerFirst(description)}` : '.'}`.replace(/\.?$/, '.'),
      };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const limit = p.params.limit;
      const words = { minimum: 'at least', exclusiveMinimum: 'above', maximum: 'at most', exclusiveMaximum: 'below' }[p.keyword as 'minimum'];
      return { rule: 'schema/invalid-value', ...valueRange(doc, path), message: `${cap(describe(path))} should be ${words} ${String(limit)}.` };
    }
    case 'minItems':
      return { rule: 'schema/invalid-value', ...valueRange(doc, path), message: `${cap(describe(path))} needs at least ${String(p.params.limit)} item${p.params.limit === 1 ? '' : 's'}.` };
    default:
      return { rule: 'schema/invalid-value', ...valueRange(doc, path), message: `${cap(describe(path))} is not allowed here (${p.keyword}).` };
  }
}

/** A key beside `canary:` / `synthetic:` is usually one that lost its indentation. */
function topLevelKey(doc: AnyDoc, key: string, roots: string[], schema: Record<string, unknown> | undefined): SchemaIssue {
  const root = roots[0] ?? 'canary';
  const rootSchema = (schema?.properties as Record<string, { properties?: Record<string, unknown> }> | undefined)?.[root];
  const inner = Object.keys(rootSchema?.properties ?? {});
  const range = keyRange(doc, [], key);
  if ((key === 'canary' || key === 'synthetic') && key !== root) {
    return { rule: 'schema/unknown-key', ...range, message: `\`${key}:\` needs a document of its own: this one is read as ${root === 'canary' ? 'a canary' : 'synthetic journeys'}, so \`${key}:\` is ignored. Separate them with a \`---\` line.` };
  }
  if (inner.includes(key)) {
    return { rule: 'schema/unknown-key', ...range, message: `\`${key}\` sits at the top level, outside \`${root}:\`, so it does not apply; indent it under \`${root}:\`.` };
  }
  const guess = closest(key, inner);
  return {
    rule: 'schema/unknown-key',
    ...range,
    message: `\`${shorten(key)}\` is not a key of a ${root} file: only \`${root}:\` belongs at the top level${guess ? ` (did you mean \`${guess}\` under \`${root}:\`?)` : ''}.`,
  };
}

/** For values with a textual form (durations, URLs), what that form is: `: a duration such as 30s`. */
function formHint(schema: Record<string, unknown> | undefined): string {
  if (!schema || typeof schema.pattern !== 'string' || typeof schema.description !== 'string') return '';
  return `: ${lowerFirst(schema.description).replace(/\.$/, '')}`;
}

function oneOfKeys(schema: unknown): string[] {
  if (!Array.isArray(schema)) return [];
  return schema.flatMap((s) => (s && typeof s === 'object' && Array.isArray((s as { required?: unknown }).required) ? ((s as { required: string[] }).required) : []));
}

// ---- paths and ranges ------------------------------------------------------------------------

export function parsePointer(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** The deepest node along the path that exists (aliases resolved). */
function deepest(doc: AnyDoc, path: Array<string | number>): { node: Node | undefined; depth: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc.contents, path.slice(0, n), doc);
    if (node) return { node, depth: n };
  }
  return { node: undefined, depth: 0 };
}

function trimmedRef(node: Node | undefined): Ref {
  const ref = refOf(node);
  // A block collection's range runs to the next line; point at its first line's content instead.
  if ((isMap(node) || isSeq(node)) && !(node as { flow?: boolean }).flow) {
    const first = (node as { items: Array<{ key?: unknown }> }).items[0];
    const firstNode = (first && typeof first === 'object' && 'key' in first ? first.key : first) as Node | undefined;
    if (firstNode?.range) return refOf(firstNode);
  }
  return ref;
}

function valueRange(doc: AnyDoc, path: Array<string | number>): Ref {
  const { node, depth } = deepest(doc, path);
  if (depth < path.length || node === undefined) return keyOrItemRange(doc, path);
  if (node.range && node.range[1] === node.range[0]) return keyOrItemRange(doc, path); // empty value: point at its key
  return trimmedRef(node);
}

/** The key of `key` inside the map at `path`. */
function keyRange(doc: AnyDoc, path: Array<string | number>, key: string): Ref {
  const map = asMap(nodeAt(doc.contents, path, doc), doc);
  const pair = pairOf(map, key);
  if (pair && pair.key && (pair.key as Node).range) return refOf(pair.key as Node);
  return keyOrItemRange(doc, path);
}

/** Where a thing at `path` is named: its key when it sits under one, else the item's first key. */
function keyOrItemRange(doc: AnyDoc, path: Array<string | number>): Ref {
  for (let n = path.length; n > 0; n--) {
    const last = path[n - 1];
    const parent = nodeAt(doc.contents, path.slice(0, n - 1), doc);
    if (typeof last === 'string') {
      const pair = pairOf(asMap(parent, doc), last);
      if (pair && pair.key && (pair.key as Node).range) return refOf(pair.key as Node);
    } else {
      const item = nodeAt(doc.contents, path.slice(0, n), doc);
      if (item) return trimmedRef(item);
    }
  }
  const root = asMap(doc.contents, doc);
  return refOf((root?.items[0]?.key ?? undefined) as Node | undefined);
}

/** A map that lacks a key: its own key in the parent (`click:`), or its first key for a list item. */
function holderRange(doc: AnyDoc, path: Array<string | number>): Ref {
  return keyOrItemRange(doc, path);
}

// ---- words -----------------------------------------------------------------------------------

const ITEM_NAMES: Record<string, string> = { steps: 'step', journeys: 'journey', alerts: 'alert', metrics: 'metric', locations: 'location', on: 'event', status: 'status' };

/** `steps`, `expect.status`, "step 2", "alert 1 of `alerts`" ... */
function describe(path: Array<string | number>): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  if (typeof last === 'string') return `\`${last}\``;
  const parent = path[path.length - 2];
  const item = typeof parent === 'string' ? ITEM_NAMES[parent] : undefined;
  return item ? `${item} ${last + 1}` : `item ${last + 1}${typeof parent === 'string' ? ` of \`${parent}\`` : ''}`;
}

function ownerName(schema: Record<string, unknown> | undefined, path: Array<string | number>): string {
  if (typeof schema?.title === 'string') return schema.title;
  return describe(path);
}

function holderName(_schema: Record<string, unknown> | undefined, path: Array<string | number>): string {
  return describe(path);
}

function typeWords(t: string): string {
  switch (t) {
    case 'array': return 'a list';
    case 'object': return 'a map';
    case 'string': return 'text';
    case 'integer': return 'a whole number';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'null': return 'empty';
    default: return t;
  }
}

function actualWords(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'boolean') return `\`${String(v)}\``;
  return typeof v;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const EXAMPLES: Record<string, string> = {
  steps: ' (a list of steps, e.g. `- request: GET /health`)',
  name: ' (what it checks, in words)',
  channel: ' (e.g. `slack:#deploys`)',
  selector: ' (e.g. `"#submit"`)',
  value: '',
  contains: ' (the text to find)',
  url: ' (a path or URL)',
  key: ' (e.g. `Enter`)',
};

function example(key: string): string {
  return EXAMPLES[key] ?? '';
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z ]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Keys and values echoed in messages stay short (and a pasted blob does not flood the Problems view). */
function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
