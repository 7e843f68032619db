/**
 * Completion items at an offset of a YAML file: the keys the schema allows at the cursor's path
 * (minus those already written), enum values (on_failure, alert events, step kinds ...), the
 * well-known metric names, alert channel kinds, example thresholds and durations, and snippets for
 * a new canary, a new journey and a new step. Pure: the editor maps these onto its own items.
 */
import type { Ref } from '../parse/yamlNodes';
import { kubernetesKind, type DocumentKind } from '../parse/sniff';
import { WELL_KNOWN_METRICS } from '../model/metrics';
import { CHANNEL_KINDS, CHANNEL_KIND_INFO } from '../describe/alertWords';
import { stepKindDoc } from '../describe/stepKinds';
import { cursorContext, type CursorContext, type PathSegment } from './cursorContext';
import { descriptionOf, enumValues, propertiesOf, schemasAt, typesOf, type JsonSchema } from './schemaAt';
import { NEW_CANARY, NEW_JOURNEY, NEW_SYNTHETIC_FILE, STEP_SNIPPETS, type Snippet } from './snippets';

export type CompletionKind = 'property' | 'value' | 'enum' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Snippet syntax when `snippet` is true, plain text otherwise. */
  insertText: string;
  snippet: boolean;
  /** Short, shown next to the label. */
  detail?: string;
  /** Longer, markdown. */
  documentation?: string;
  replace: Ref;
  /** Sorts before the rest (required keys, the usual value). */
  preselect?: boolean;
}

/** The schema of each document kind: the native formats keyed by their top-level key, Argo and Flagger by kind. */
export type NativeSchemas = Partial<Record<DocumentKind, JsonSchema>>;

export function completeAt(text: string, offset: number, schemas: NativeSchemas): CompletionEntry[] {
  const ctx = cursorContext(text, offset);
  if (!ctx) return [];
  const format = ctx.topLevelKeys.includes('canary')
    ? 'canary'
    : ctx.topLevelKeys.includes('synthetic')
      ? 'synthetic'
      : kubernetesKind(ctx.rootScalars.apiVersion ?? '', ctx.rootScalars.kind ?? '');
  // A document with other top-level keys (Kubernetes, compose ...) is not ours: offer nothing.
  if (!format)
    return ctx.path.length === 0 && ctx.mode === 'key' && ctx.topLevelKeys.length === 0 ? emptyDocument(ctx) : [];
  const root = schemas[format];
  if (!root) return [];
  const schemaPath = format === 'canary' || format === 'synthetic' ? pathInSchema(root, format, ctx.path) : ctx.path;
  const here = schemasAt(root, schemaPath);
  const types = typesOf(here);
  // `- word` in a list of scalars (e.g. `on:` events) is a value, not a key.
  const mode = ctx.mode === 'key' && ctx.inSequenceItem && here.length > 0 && !types.has('object') ? 'value' : ctx.mode;
  if (mode === 'key') return keyEntries(ctx, root, here, format);
  const values = valueEntries(ctx, here, format);
  // Completing right after `key:` (the colon triggers it): the value needs its space.
  return ctx.needsSpace ? values.map((v) => ({ ...v, insertText: ` ${v.insertText}` })) : values;
}

/** Whether the schema's root is the whole document ({canary: ...}) or the inner object. */
function pathInSchema(root: JsonSchema, format: string, path: PathSegment[]): PathSegment[] {
  return root.properties?.[format] !== undefined ? path : path[0] === format ? path.slice(1) : path;
}

function emptyDocument(ctx: CursorContext): CompletionEntry[] {
  return [NEW_CANARY, NEW_SYNTHETIC_FILE].map((s) => snippetEntry(s, ctx, true));
}

function keyEntries(ctx: CursorContext, root: JsonSchema, here: JsonSchema[], format: DocumentKind): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const path = ctx.path;
  const isStep =
    format === 'synthetic' &&
    path.length === 5 &&
    path[1] === 'journeys' &&
    path[3] === 'steps' &&
    typeof path[4] === 'number';
  const isNewJourney =
    format === 'synthetic' && path.length === 3 && path[1] === 'journeys' && typeof path[2] === 'number';
  const written = new Set(ctx.siblingKeys);
  const props = propertiesOf(here, root);
  // A step has one kind: once one is written, the others are not offered.
  const stepKindWritten = isStep && ctx.siblingKeys.some((k) => stepKindDoc(k));
  // An Argo step: setWeight, pause, analysis and experiment exclude each other (the schema says which).
  const exclusive = here.flatMap((s) =>
    Array.isArray(s['x-release-safety-exclusive']) ? (s['x-release-safety-exclusive'] as string[]) : [],
  );
  const exclusiveWritten = ctx.siblingKeys.some((k) => exclusive.includes(k));
  for (const [name, { schemas, required }] of props) {
    if (written.has(name)) continue;
    if (exclusiveWritten && exclusive.includes(name)) continue;
    const kindDoc = isStep ? stepKindDoc(name) : undefined;
    if (kindDoc && stepKindWritten) continue;
    if (kindDoc) {
      out.push({
        label: name,
        kind: 'snippet',
        insertText: reindent(kindDoc.snippet, ctx),
        snippet: true,
        detail: kindDoc.browser ? 'browser step' : 'API step',
        documentation: kindDoc.words,
        replace: ctx.replace,
      });
      continue;
    }
    out.push({
      label: name,
      kind: 'property',
      insertText: reindent(keyInsertText(name, schemas), ctx),
      snippet: true,
      ...(required ? { detail: 'required', preselect: true } : {}),
      ...(descriptionOf(schemas) ? { documentation: descriptionOf(schemas) } : {}),
      replace: ctx.replace,
    });
  }
  // Step kinds the schema does not spell out as properties still get their snippets.
  if (isStep && !stepKindWritten) {
    for (const s of STEP_SNIPPETS)
      if (!props.has(s.label)) out.push({ ...snippetEntry(s, ctx, false), detail: 'step' });
  }
  if (isNewJourney && ctx.siblingKeys.length === 0) out.push(snippetEntry(NEW_JOURNEY, ctx, false));
  if (
    (format === 'canary' || format === 'synthetic') &&
    path.length === 0 &&
    !ctx.topLevelKeys.includes('canary') &&
    !ctx.topLevelKeys.includes('synthetic')
  )
    out.push(snippetEntry(NEW_CANARY, ctx, true));
  return out;
}

/** `key: ` with a cursor, a nested block or a list item, depending on what the key holds. */
function keyInsertText(name: string, schemas: JsonSchema[]): string {
  const types = typesOf(schemas);
  const values = enumValues(schemas).filter((v) => typeof v === 'string' || typeof v === 'number');
  if (values.length > 0 && values.length <= 12)
    return `${name}: \${1|${values.map((v) => String(v).replace(/[,|\\]/g, '\\$&')).join(',')}|}`;
  const only = types.size === 1 ? [...types][0] : undefined;
  if (only === 'object') return `${name}:\n  $0`;
  if (only === 'array') {
    const items = schemas.flatMap((s) =>
      s.items && !Array.isArray(s.items) && typeof s.items === 'object' ? [s.items] : [],
    );
    const itemTypes = typesOf(items);
    return itemTypes.has('object') || items.some((i) => i.$ref) ? `${name}:\n  - $0` : `${name}: [$0]`;
  }
  return `${name}: $0`;
}

function valueEntries(ctx: CursorContext, here: JsonSchema[], format: DocumentKind): CompletionEntry[] {
  const native = format === 'canary' || format === 'synthetic';
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (e: Omit<CompletionEntry, 'replace'>) => {
    if (seen.has(e.label)) return;
    seen.add(e.label);
    out.push({ ...e, replace: ctx.replace });
  };
  const key = lastKey(ctx.path);
  const doc = descriptionOf(here);
  for (const v of enumValues(here)) {
    if (v === null || typeof v === 'object') continue;
    add({
      label: String(v),
      kind: 'enum',
      insertText: yamlScalar(v),
      snippet: false,
      ...(doc ? { documentation: doc } : {}),
    });
  }
  if (typesOf(here).has('boolean'))
    for (const b of ['true', 'false']) add({ label: b, kind: 'enum', insertText: b, snippet: false });
  // Metric names: any name is allowed (with a query), so the schema cannot list them as an enum.
  if (format === 'canary' && key === 'name' && ctx.path.includes('metrics')) {
    for (const m of Object.values(WELL_KNOWN_METRICS))
      add({
        label: m.name,
        kind: 'value',
        insertText: m.name,
        snippet: false,
        detail: m.unit,
        documentation: m.description,
      });
  }
  if (native && key === 'channel') {
    for (const kind of CHANNEL_KINDS) {
      const info = CHANNEL_KIND_INFO[kind];
      add({
        label: `${kind}:`,
        kind: 'value',
        insertText: `${kind}:\${1:${escapeSnippet(info.example)}}`,
        snippet: true,
        detail: info.words,
        documentation: `${info.words} ${info.example}`,
      });
    }
  }
  if (native && (key === 'threshold' || key === 'expect_load_time' || key === 'latency')) {
    const examples =
      key === 'threshold'
        ? ['<= 1%', '<= baseline * 1.1', '<= baseline + 50ms', '>= 99%', '< 500ms']
        : ['< 500ms', '< 3s'];
    for (const e of examples)
      add({ label: `"${e}"`, kind: 'value', insertText: JSON.stringify(e), snippet: false, detail: 'example' });
  }
  for (const s of here)
    for (const e of s.examples ?? [])
      if (typeof e === 'string' || typeof e === 'number')
        add({ label: String(e), kind: 'value', insertText: yamlScalar(e), snippet: false, detail: 'example' });
  return out;
}

function lastKey(path: PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

function snippetEntry(s: Snippet, ctx: CursorContext, atRoot: boolean): CompletionEntry {
  return {
    label: s.label,
    kind: 'snippet',
    insertText: atRoot ? s.body : reindent(s.body, ctx),
    snippet: true,
    detail: 'snippet',
    documentation: s.description,
    replace: ctx.replace,
  };
}

/**
 * Lines after the first of a multi-line insert must line up with the key's column. Editors add
 * the line's leading whitespace themselves (VS Code's snippet convention), so only the width of
 * the `- ` dashes before the key is added here.
 */
function reindent(text: string, ctx: CursorContext): string {
  const extra = ' '.repeat(Math.max(0, ctx.indent - ctx.lineIndent));
  return extra ? text.replace(/\n(?=.)/g, `\n${extra}`) : text;
}

/** A scalar as YAML: quoted when a plain scalar would be read differently. */
export function yamlScalar(v: unknown): string {
  if (typeof v !== 'string') return String(v);
  const plainSafe =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`][^#]*$/.test(v) &&
    !/: |\s$/.test(v) &&
    !/^(true|false|null|~|yes|no|on|off|[-+]?[\d.]+)$/i.test(v);
  return plainSafe ? v : JSON.stringify(v);
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}
