/**
 * Validates a document against the JSON Schema of its kind (the same schemas the editor uses for
 * completion and hover) and maps every problem back to a YAML range. Every `*.schema.json` of
 * this folder is registered here by document kind: the native formats, and the Argo Rollouts and
 * Flagger kinds (written from their CRDs by scripts/schemas-from-crds.mjs). The validators come
 * from compiledValidators.ts (built ahead of time in the bundles, compiled on first use per kind
 * elsewhere); results are cached per parsed document so the schema/* rules share one validation.
 */
import type { SourceDocument } from '../parse/parseFile';
import type { DocumentKind } from '../parse/sniff';
import type { Node } from 'yaml';
import { asMap, refOf } from '../parse/yamlNodes';
import { plainValueOf } from '../parse/plainValue';
import canarySchema from './canary.schema.json';
import syntheticSchema from './synthetic.schema.json';
import argoRolloutSchema from './argo-rollout.schema.json';
import argoAnalysisTemplateSchema from './argo-analysis-template.schema.json';
import argoExperimentSchema from './argo-experiment.schema.json';
import flaggerCanarySchema from './flagger-canary.schema.json';
import flaggerMetricTemplateSchema from './flagger-metric-template.schema.json';
import flaggerAlertProviderSchema from './flagger-alert-provider.schema.json';
import { mapAjvErrors, type SchemaIssue } from './ajvErrorMapping';
import { compiledValidator } from './compiledValidators';

export type { SchemaIssue, SchemaRuleId } from './ajvErrorMapping';

/** The schema of each document kind, for validation, the editor's completion and hover, and Red Hat YAML. */
export const SCHEMAS: Record<DocumentKind, object> = {
  canary: canarySchema,
  synthetic: syntheticSchema,
  'argo-rollout': argoRolloutSchema,
  'argo-analysis-template': argoAnalysisTemplateSchema,
  'argo-experiment': argoExperimentSchema,
  'flagger-canary': flaggerCanarySchema,
  'flagger-metric-template': flaggerMetricTemplateSchema,
  'flagger-alert-provider': flaggerAlertProviderSchema,
};
export type SchemaKind = DocumentKind;
export const SCHEMA_KINDS = Object.keys(SCHEMAS) as DocumentKind[];

/** Aliases a document may expand before it counts as an alias bomb (yaml's own default). */
const MAX_ALIAS_COUNT = 100;

const cache = new WeakMap<object, SchemaIssue[]>();

export function schemaIssues(document: SourceDocument): SchemaIssue[] {
  const kind = document.kind;
  if (!kind || !(kind in SCHEMAS)) return [];
  const cached = cache.get(document.doc);
  if (cached) return cached;
  const issues = validate(document, kind);
  cache.set(document.doc, issues);
  return issues;
}

function validate(document: SourceDocument, kind: SchemaKind): SchemaIssue[] {
  let value: unknown;
  try {
    // The direct conversion where it can; yaml's (aliases, merge keys, YAML 1.1 types) elsewhere.
    value = (
      plainValueOf(document.doc, SCHEMAS[kind]) ?? { value: document.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) }
    ).value;
  } catch (e) {
    // yaml refuses to expand an alias bomb ("billion laughs"): one finding, no hang.
    const root = asMap(document.doc.contents);
    const at = refOf((root?.items[0]?.key ?? undefined) as Node | undefined, { offset: document.offset, length: 0 });
    const excessive = /alias/i.test((e as Error).message);
    return [
      {
        rule: 'schema/invalid-value',
        offset: at.offset,
        length: at.length,
        messageId: excessive ? 'aliasBomb' : 'unreadable',
        data: excessive ? {} : { detail: (e as Error).message },
      },
    ];
  }
  // Precompiled by the build; compiled on first use per kind elsewhere (compiledValidators.ts).
  const validateFn = compiledValidator(kind, SCHEMAS[kind]);
  if (validateFn(value)) return [];
  return mapAjvErrors(validateFn.errors ?? [], document.doc, { native: kind === 'canary' || kind === 'synthetic' });
}
