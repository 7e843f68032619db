/**
 * Turns ajv's errors into findings in the user's words, each on the YAML node it is about:
 * an unknown key on the key, a wrong type or a bad value on the value, a missing key on the key
 * (or item) that should hold it. anyOf / oneOf alternatives are collapsed first, so that
 * `click: 5` says "should be text or a map" once instead of once per alternative.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isSeq, type Node } from 'yaml';
import { asMap, nodeAt, pairOf, refOf, type AnyDoc, type Ref } from '../parse/yamlNodes';
import type { MessageData } from '../lint/rule';
import { closest } from './didYouMean';
import {
  actualWords,
  backticked,
  cap,
  describePath as describe,
  example,
  lowerFirst,
  orList,
  shorten,
  typeWords,
} from './schemaWords';
import { keyHint, type KeyHint } from './schemaHints';

export type SchemaRuleId = 'schema/unknown-key' | 'schema/wrong-type' | 'schema/missing-key' | 'schema/invalid-value';

export interface SchemaIssue extends Ref {
  rule: SchemaRuleId;
  /** An id of the rule's `meta.messages` (src/core/lint/rules/schema/schemaMessages.ts) and its data. */
  messageId: string;
  data: MessageData;
  /** The text the range would hold if the did-you-mean guess is right (offered as a suggestion, never applied on its own). */
  replacement?: string;
  /** A suggested edit elsewhere than the range (e.g. rewriting a whole `key: value`), with its title. */
  edit?: { title: string; offset: number; length: number; newText: string };
}

export interface MappingOptions {
  /** A native canary / synthetic document: top-level keys and examples in its terms. */
  native?: boolean;
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

export function mapAjvErrors(errors: readonly ErrorObject[], doc: AnyDoc, options: MappingOptions = {}): SchemaIssue[] {
  const problems = collapseAlternatives(errors as unknown as Problem[]);
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    const issue = toIssue(p, doc, options.native ?? true);
    if (!issue) continue;
    const key = `${issue.rule}:${issue.offset}:${issue.messageId}:${JSON.stringify(issue.data)}`;
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
      for (const i of under)
        if (pending[i]!.instancePath === at && pending[i]!.keyword === 'required') pending[i] = null;
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
    const wanted =
      p.keyword === 'required'
        ? [String(p.params.missingProperty)]
        : p.keyword === 'requiredOneOf'
          ? (p.params.options as string[])
          : undefined;
    if (!wanted) return true;
    return !unknown.some((k) => closest(k, wanted) !== undefined);
  });
}

function typesOf(t: unknown): string[] {
  if (Array.isArray(t)) return t.map(String);
  return typeof t === 'string' ? t.split(',') : [];
}

// ---- one problem -> one issue ----------------------------------------------------------------

function issue(
  rule: SchemaRuleId,
  ref: Ref,
  messageId: string,
  data: MessageData,
  extra: Partial<SchemaIssue> = {},
): SchemaIssue {
  return { rule, offset: ref.offset, length: ref.length, messageId, data, ...extra };
}

function toIssue(p: Problem, doc: AnyDoc, native: boolean): SchemaIssue | undefined {
  const path = parsePointer(p.instancePath);
  switch (p.keyword) {
    case 'additionalProperties': {
      const key = String(p.params.additionalProperty);
      if (key === '<<') return undefined; // a YAML merge key, not a typo
      const allowed = Object.keys((p.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      if (path.length === 0 && native) return topLevelKey(doc, key, allowed, p.parentSchema);
      const range = keyRange(doc, path, key);
      // A key already there is not what a typo meant (and renaming to it would duplicate it).
      const present = p.data && typeof p.data === 'object' ? new Set(Object.keys(p.data as object)) : new Set<string>();
      const hint = keyHint(p.parentSchema, key);
      if (hint) return hintIssue(doc, path, key, range, hint, present);
      const guess = closest(
        key,
        allowed.filter((k) => !present.has(k)),
      );
      const owner = ownerName(p.parentSchema, path);
      if (guess)
        return issue(
          'schema/unknown-key',
          range,
          'unknownGuess',
          { key: shorten(key), owner, guess },
          { replacement: guess },
        );
      if (allowed.length)
        return issue('schema/unknown-key', range, 'unknownList', {
          key: shorten(key),
          owner,
          allowed: backticked(allowed),
        });
      return issue('schema/unknown-key', range, 'unknownRemove', { key: shorten(key), owner });
    }
    case 'type': {
      if (path.length === 1 && p.data === null) return undefined; // `canary:` / `synthetic:` not written yet: the rules say what is missing
      if (!native && p.data === null) return undefined; // the API server drops a null field of a CRD instead of refusing it
      const expected = [...new Set(typesOf(p.params.type).map(typeWords))];
      return issue('schema/wrong-type', valueRange(doc, path), 'wrongType', {
        what: cap(describe(path)),
        expected: orList(expected),
        actual: actualWords(p.data),
        form: formHint(p.parentSchema),
      });
    }
    case 'required': {
      const missing = String(p.params.missingProperty);
      return issue('schema/missing-key', holderRange(doc, path), 'missing', {
        what: cap(describe(path)),
        key: missing,
        example: example(missing, native),
      });
    }
    case 'requiredOneOf': {
      const options = (p.params.options as string[]) ?? [];
      return issue('schema/missing-key', holderRange(doc, path), 'noAction', {
        what: cap(describe(path)),
        options: backticked(options),
      });
    }
    case 'minProperties': {
      if (!p.parentSchema?.['x-release-safety-one-of']) break;
      const options = Object.keys((p.parentSchema.properties as Record<string, unknown> | undefined) ?? {});
      return issue('schema/missing-key', holderRange(doc, path), 'noStepKind', {
        what: cap(describe(path)),
        options: backticked(options),
      });
    }
    case 'not':
    case 'oneOfMany': {
      if (p.keyword === 'not' && p.parentSchema?.['x-release-safety-not'] === 'bothStrategies')
        return issue('schema/invalid-value', keyRange(doc, path, 'blueGreen'), 'bothStrategies', {});
      const exclusive = p.parentSchema?.['x-release-safety-exclusive'];
      if (p.keyword === 'not' && !Array.isArray(exclusive)) break;
      const data = p.data && typeof p.data === 'object' ? Object.keys(p.data as object) : [];
      const kinds = p.keyword === 'not' ? (exclusive as string[]) : oneOfKeys(p.schema);
      const actions = kinds.filter((k) => data.includes(k));
      const second = actions[1];
      const range = second ? keyRange(doc, path, second) : holderRange(doc, path);
      return issue('schema/invalid-value', range, 'manyActions', {
        actions: actions.map((a) => `\`${a}\``).join(' and '),
        count: actions.length || 2,
      });
    }
    case 'enum': {
      if (!native && p.data === null) return undefined; // a null field of a CRD is dropped, not refused
      const allowed = ((p.params.allowedValues as unknown[]) ?? []).map(String);
      const value = typeof p.data === 'string' || typeof p.data === 'number' ? String(p.data) : undefined;
      const guess = value !== undefined ? closest(value, allowed) : undefined;
      const last = path[path.length - 1];
      const parent = path[path.length - 2];
      const what = typeof last === 'number' && typeof parent === 'string' ? `\`${parent}\` value` : describe(path);
      const head =
        value !== undefined
          ? `\`${shorten(value)}\` is not a valid ${what}`
          : `${cap(what)} has a value that is not allowed`;
      const data = { head, allowed: allowed.filter((a) => a !== '').join(', ') };
      if (!guess) return issue('schema/invalid-value', valueRange(doc, path), 'enum', data);
      return issue(
        'schema/invalid-value',
        valueRange(doc, path),
        'enumGuess',
        { ...data, guess },
        { replacement: /^[A-Za-z][\w-]*$/.test(guess) ? guess : JSON.stringify(guess) },
      );
    }
    case 'propertyNames': {
      const name = String(p.params.propertyName ?? p.propertyName ?? '');
      return issue('schema/invalid-value', keyRange(doc, path, name), 'jsonPath', {
        name: shorten(name),
        example: `$.${shorten(name.replace(/^\W+/, '')) || 'status'}`,
      });
    }
    case 'pattern':
    case 'format': {
      const description = typeof p.parentSchema?.description === 'string' ? p.parentSchema.description : undefined;
      // The value itself is not repeated: it may be a URL with a token in it.
      return issue('schema/invalid-value', valueRange(doc, path), 'form', {
        what: cap(describe(path)),
        form: description ? `: ${lowerFirst(description).replace(/\.$/, '')}` : '',
      });
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', exclusiveMinimum: 'above', maximum: 'at most', exclusiveMaximum: 'below' }[
        p.keyword as 'minimum'
      ];
      return issue('schema/invalid-value', valueRange(doc, path), 'limit', {
        what: cap(describe(path)),
        words,
        limit: String(p.params.limit),
      });
    }
    case 'minItems':
      return issue('schema/invalid-value', valueRange(doc, path), 'minItems', {
        what: cap(describe(path)),
        limit: String(p.params.limit),
        items: p.params.limit === 1 ? 'item' : 'items',
      });
  }
  return issue('schema/invalid-value', valueRange(doc, path), 'other', {
    what: cap(describe(path)),
    keyword: p.keyword,
  });
}

/** A key that belongs to another kind or was removed: said as such, with the edit that fits. */
function hintIssue(
  doc: AnyDoc,
  path: Array<string | number>,
  key: string,
  range: Ref,
  hint: KeyHint,
  present: Set<string>,
): SchemaIssue {
  const data = { key, where: hint.where ?? '', hint: hint.hint };
  const extra: Partial<SchemaIssue> = {};
  if (hint.replacement && !present.has(hint.replacement)) {
    if (hint.wrapAs) {
      const pair = pairOf(asMap(nodeAt(doc.contents, path, doc), doc), key);
      const value = pair?.value as Node | undefined;
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range && value?.range && typeof (value as { source?: unknown }).source === 'string') {
        const text = String((value as { source: string }).source);
        const newText = `${hint.replacement}: [{ ${hint.wrapAs}: ${JSON.stringify(text)} }]`;
        extra.edit = {
          title: `Change to \`${newText}\``,
          offset: keyNode.range[0],
          length: value.range[1] - keyNode.range[0],
          newText,
        };
      }
    } else extra.replacement = hint.replacement;
  }
  return issue('schema/unknown-key', range, hint.messageId, data, extra);
}

/** A key beside `canary:` / `synthetic:` is usually one that lost its indentation. */
function topLevelKey(
  doc: AnyDoc,
  key: string,
  roots: string[],
  schema: Record<string, unknown> | undefined,
): SchemaIssue {
  const root = roots[0] ?? 'canary';
  const rootSchema = (schema?.properties as Record<string, { properties?: Record<string, unknown> }> | undefined)?.[
    root
  ];
  const inner = Object.keys(rootSchema?.properties ?? {});
  const range = keyRange(doc, [], key);
  if ((key === 'canary' || key === 'synthetic') && key !== root) {
    return issue('schema/unknown-key', range, 'rootInOwnDocument', {
      key,
      readAs: root === 'canary' ? 'a canary' : 'synthetic journeys',
    });
  }
  if (inner.includes(key)) return issue('schema/unknown-key', range, 'outsideRoot', { key, root });
  const guess = closest(key, inner);
  if (guess) return issue('schema/unknown-key', range, 'topLevelGuess', { key: shorten(key), root, guess });
  return issue('schema/unknown-key', range, 'topLevel', { key: shorten(key), root });
}

/** For values with a textual form (durations, URLs), what that form is: `: a duration such as 30s`. */
function formHint(schema: Record<string, unknown> | undefined): string {
  if (!schema || typeof schema.pattern !== 'string' || typeof schema.description !== 'string') return '';
  return `: ${lowerFirst(schema.description).replace(/\.$/, '')}`;
}

function oneOfKeys(schema: unknown): string[] {
  if (!Array.isArray(schema)) return [];
  return schema.flatMap((s) =>
    s && typeof s === 'object' && Array.isArray((s as { required?: unknown }).required)
      ? (s as { required: string[] }).required
      : [],
  );
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

function ownerName(schema: Record<string, unknown> | undefined, path: Array<string | number>): string {
  if (typeof schema?.title === 'string') return schema.title;
  return describe(path);
}
