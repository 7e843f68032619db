/**
 * Validates a native canary or synthetic document against its JSON Schema (the same schemas the
 * editor uses for completion and hover) and maps every problem back to a YAML range.
 * The validators come from compiledValidators.ts (built ahead of time in the bundles); results
 * are cached per parsed document so the schema/* rules share one validation.
 */
import type { SourceDocument } from '../parse/parseFile';
import type { Node } from 'yaml';
import { asMap, refOf } from '../parse/yamlNodes';
import canarySchema from './canary.schema.json';
import syntheticSchema from './synthetic.schema.json';
import { mapAjvErrors, type SchemaIssue } from './ajvErrorMapping';
import { compiledValidator } from './compiledValidators';

export type { SchemaIssue, SchemaRuleId } from './ajvErrorMapping';

/** The schemas by document kind, for the editor's completion and hover and for `yamlValidation`. */
export const SCHEMAS = { canary: canarySchema, synthetic: syntheticSchema } as const;
export type SchemaKind = keyof typeof SCHEMAS;

/** Aliases a document may expand before it counts as an alias bomb (yaml's own default). */
const MAX_ALIAS_COUNT = 100;


const cache = new WeakMap<object, SchemaIssue[]>();

export function schemaIssues(document: SourceDocument): SchemaIssue[] {
  const kind = document.kind;
  if (kind !== 'canary' && kind !== 'synthetic') return [];
  const cached = cache.get(document.doc);
  if (cached) return cached;
  const issues = validate(document, kind);
  cache.set(document.doc, issues);
  return issues;
}

function validate(document: SourceDocument, kind: SchemaKind): SchemaIssue[] {
  let value: unknown;
  try {
    value = document.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml refuses to expand an alias bomb ("billion laughs"): one finding, no hang.
    const root = asMap(document.doc.contents);
    const at = refOf((root?.items[0]?.key ?? undefined) as Node | undefined, { offset: document.offset, length: 0 });
    const excessive = /alias/i.test((e as Error).message);
    return [{
      rule: 'schema/invalid-value',
      offset: at.offset,
      length: at.length,
      message: excessive
        ? `This document expands its aliases (*name) so many times that it cannot be checked (it looks like a "billion laughs" file). Write the values out, or use far fewer aliases.`
        : `This document could not be read as data (${(e as Error).message}). Check its syntax.`,
    }];
  }
  // Precompiled by the build; compiled on first use per kind elsewhere (compiledValidators.ts).
  const validateFn = compiledValidator(kind, SCHEMAS[kind]);
  if (validateFn(value)) return [];
  return mapAjvErrors(validateFn.errors ?? [], document.doc);
}
