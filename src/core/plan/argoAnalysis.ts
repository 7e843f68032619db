/**
 * Reads one Argo analysis block (a Rollout's background `analysis`, an `analysis` step, blue-green
 * `prePromotionAnalysis` / `postPromotionAnalysis`): the templates it runs and the args it
 * supplies. Argo runs an analysis only from its `templates`; a block without any runs nothing.
 */
import type { Node } from 'yaml';
import type { SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, pairOf, refOf, valueOf, type Ref } from '../parse/yamlNodes';
import { textValue } from './planParts';

type Doc = SourceDocument['doc'];

export interface AnalysisTemplateUse {
  name: string;
  /** `clusterScope: true`: a ClusterAnalysisTemplate. */
  clusterScope: boolean;
  /** The `templateName` value. */
  ref: Ref;
}

export interface ArgoAnalysisBlock {
  templates: AnalysisTemplateUse[];
  /** Names of the args this block supplies (with `value` or `valueFrom`). */
  args: string[];
}

export function readAnalysisBlock(node: unknown, doc: Doc): ArgoAnalysisBlock {
  const map = asMap(node, doc);
  const templates: AnalysisTemplateUse[] = [];
  for (const item of asSeq(valueOf(map, 'templates', doc), doc)?.items ?? []) {
    const use = readTemplateUse(item, doc);
    if (use) templates.push(use);
  }
  return { templates, args: suppliedArgs(valueOf(map, 'args', doc), doc) };
}

/** `{templateName: x, clusterScope: true}`; undefined when the name is missing or not text. */
export function readTemplateUse(node: unknown, doc: Doc): AnalysisTemplateUse | undefined {
  const map = asMap(node, doc);
  const nameNode = valueOf(map, 'templateName', doc);
  const name = textValue(nameNode, doc);
  if (!name) return undefined;
  const scope = valueOf(map, 'clusterScope', doc);
  const clusterScope = textValue(scope, doc) === 'true';
  return { name, clusterScope, ref: refOf(nameNode as Node) };
}

/** The names of `args: [{name, value | valueFrom}]` entries that carry a value. */
export function suppliedArgs(node: unknown, doc: Doc): string[] {
  const names: string[] = [];
  for (const item of asSeq(node, doc)?.items ?? []) {
    const map = asMap(item, doc);
    const name = textValue(valueOf(map, 'name', doc), doc);
    if (name && (pairOf(map, 'value') || pairOf(map, 'valueFrom'))) names.push(name);
  }
  return names;
}
