/**
 * The references a document makes to templates that may live in other files: an Argo Rollout's
 * and Experiment's `templateName`s (with the args they supply and where the analysis runs), a
 * Flagger Canary's metric `templateRef`s and alert `providerRef`s.
 */
import type { Node } from 'yaml';
import type { SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, nodeAt, refOf, valueOf } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import { numberValue, textValue } from '../plan/planParts';
import { readAnalysisBlock, readTemplateUse, suppliedArgs } from '../plan/argoAnalysis';
import type { AnalysisContext, TemplateReference } from './templateModel';

type Doc = SourceDocument['doc'];

export function readReferences(document: SourceDocument): TemplateReference[] {
  switch (document.kind) {
    case 'argo-rollout':
      return rolloutReferences(document);
    case 'argo-experiment':
      return experimentReferences(document);
    case 'flagger-canary':
      return canaryReferences(document);
    default:
      return [];
  }
}

function namespaceOf(root: unknown, doc: Doc): string | undefined {
  return textValue(nodeAt(root, ['metadata', 'namespace'], doc), doc) || undefined;
}

function rolloutReferences(document: SourceDocument): TemplateReference[] {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const namespace = namespaceOf(root, doc);
  const strategy = asMap(nodeAt(root, ['spec', 'strategy'], doc), doc);
  const out: TemplateReference[] = [];
  const block = (node: unknown, context: AnalysisContext): void => {
    const analysis = readAnalysisBlock(node, doc);
    for (const t of analysis.templates) {
      out.push({
        kind: t.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate',
        name: t.name,
        ref: t.ref,
        docIndex: document.index,
        suppliedArgs: analysis.args,
        context,
        ...(namespace && !t.clusterScope ? { namespace } : {}),
      });
    }
  };
  const canary = asMap(valueOf(strategy, 'canary', doc), doc);
  if (canary) {
    block(valueOf(canary, 'analysis', doc), 'background');
    for (const item of asSeq(valueOf(canary, 'steps', doc), doc)?.items ?? []) {
      const step = asMap(item, doc);
      const analysis = valueOf(step, 'analysis', doc);
      if (analysis) block(analysis, 'step');
      const experiment = valueOf(step, 'experiment', doc);
      if (experiment) out.push(...experimentAnalyses(experiment, document, namespace));
    }
  }
  const blueGreen = asMap(valueOf(strategy, 'blueGreen', doc), doc);
  if (blueGreen) {
    block(valueOf(blueGreen, 'prePromotionAnalysis', doc), 'prePromotion');
    block(valueOf(blueGreen, 'postPromotionAnalysis', doc), 'postPromotion');
  }
  return out;
}

function experimentReferences(document: SourceDocument): TemplateReference[] {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  return experimentAnalyses(valueOf(root, 'spec', doc), document, namespaceOf(root, doc));
}

/** An Experiment's (or an experiment step's) `analyses`, each with its own args. */
function experimentAnalyses(
  node: unknown,
  document: SourceDocument,
  namespace: string | undefined,
): TemplateReference[] {
  const doc = document.doc;
  const spec = asMap(node, doc);
  const durationNode = valueOf(spec, 'duration', doc);
  const duration = durationNode
    ? parseDuration(numberValue(durationNode, doc) ?? textValue(durationNode, doc))
    : undefined;
  const out: TemplateReference[] = [];
  for (const item of asSeq(valueOf(spec, 'analyses', doc), doc)?.items ?? []) {
    const use = readTemplateUse(item, doc);
    if (!use) continue;
    out.push({
      kind: use.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate',
      name: use.name,
      ref: use.ref,
      docIndex: document.index,
      suppliedArgs: suppliedArgs(valueOf(asMap(item, doc), 'args', doc), doc),
      context: 'experiment',
      ...(duration?.ok ? { durationMs: duration.ms } : {}),
      ...(namespace && !use.clusterScope ? { namespace } : {}),
    });
  }
  return out;
}

function canaryReferences(document: SourceDocument): TemplateReference[] {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const own = namespaceOf(root, doc);
  const spec = asMap(valueOf(root, 'spec', doc), doc);
  const analysis = asMap(valueOf(spec, 'analysis', doc) ?? valueOf(spec, 'canaryAnalysis', doc), doc);
  const out: TemplateReference[] = [];
  const add = (kind: TemplateReference['kind'], refNode: unknown): void => {
    const ref = asMap(refNode, doc);
    const nameNode = valueOf(ref, 'name', doc);
    const name = textValue(nameNode, doc);
    if (!name) return;
    // Flagger looks in the ref's namespace when given, else in the Canary's own.
    const namespace = textValue(valueOf(ref, 'namespace', doc), doc) || own;
    out.push({
      kind,
      name,
      ref: refOf(nameNode as Node),
      docIndex: document.index,
      ...(namespace ? { namespace } : {}),
    });
  };
  for (const item of asSeq(valueOf(analysis, 'metrics', doc), doc)?.items ?? [])
    add('MetricTemplate', valueOf(asMap(item, doc), 'templateRef', doc));
  for (const item of asSeq(valueOf(analysis, 'alerts', doc), doc)?.items ?? [])
    add('AlertProvider', valueOf(asMap(item, doc), 'providerRef', doc));
  return out;
}
