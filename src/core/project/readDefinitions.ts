/**
 * The templates a document defines: Argo AnalysisTemplate / ClusterAnalysisTemplate (with their
 * args and the counting fields of each metric), Flagger MetricTemplate and AlertProvider.
 */
import type { Node, YAMLMap } from 'yaml';
import type { SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, nodeAt, pairOf, refOf, valueOf } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import { numberValue, pairKeyRef, textValue } from '../plan/planParts';
import type { CountField, TemplateArg, TemplateDefinition, TemplateKind, TemplateMetric } from './templateModel';

type Doc = SourceDocument['doc'];

export function readDefinitions(document: SourceDocument): TemplateDefinition[] {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const kind = definedKind(document, textValue(valueOf(root, 'kind', doc), doc));
  if (!kind) return [];
  const nameNode = nodeAt(root, ['metadata', 'name'], doc);
  const name = textValue(nameNode, doc);
  if (!name) return [];
  const namespace =
    kind === 'ClusterAnalysisTemplate'
      ? undefined
      : textValue(nodeAt(root, ['metadata', 'namespace'], doc), doc) || undefined;
  const spec = asMap(valueOf(root, 'spec', doc), doc);
  const isArgo = kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate';
  return [
    {
      kind,
      name,
      ...(namespace ? { namespace } : {}),
      nameRef: refOf(nameNode as Node),
      docIndex: document.index,
      args: isArgo ? readArgs(spec, doc) : [],
      metrics: isArgo ? readMetrics(spec, doc) : [],
      ...(kind === 'MetricTemplate'
        ? { readsInterval: /\{\{\s*interval\s*\}\}/.test(textValue(valueOf(spec, 'query', doc), doc) ?? '') }
        : {}),
    },
  ];
}

function definedKind(document: SourceDocument, kind: string | undefined): TemplateKind | undefined {
  if (document.kind === 'argo-analysis-template')
    return kind === 'ClusterAnalysisTemplate' ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
  if (document.kind === 'flagger-metric-template') return 'MetricTemplate';
  if (document.kind === 'flagger-alert-provider') return 'AlertProvider';
  return undefined;
}

function readArgs(spec: YAMLMap | undefined, doc: Doc): TemplateArg[] {
  const out: TemplateArg[] = [];
  for (const item of asSeq(valueOf(spec, 'args', doc), doc)?.items ?? []) {
    const map = asMap(item, doc);
    const nameNode = valueOf(map, 'name', doc);
    const name = textValue(nameNode, doc);
    if (!name) continue;
    out.push({ name, hasValue: !!(pairOf(map, 'value') || pairOf(map, 'valueFrom')), ref: refOf(nameNode as Node) });
  }
  return out;
}

function readMetrics(spec: YAMLMap | undefined, doc: Doc): TemplateMetric[] {
  const out: TemplateMetric[] = [];
  for (const item of asSeq(valueOf(spec, 'metrics', doc), doc)?.items ?? []) {
    const map = asMap(item, doc);
    if (!map) continue;
    const nameNode = valueOf(map, 'name', doc);
    const nameRef = refOf((nameNode ?? item) as Node);
    const metric: TemplateMetric = {
      name: textValue(nameNode, doc) ?? '',
      ref: nameRef,
      keyRef: pairKeyRef(pairOf(map, 'name'), nameRef),
    };
    const intervalNode = valueOf(map, 'interval', doc);
    if (intervalNode) {
      const text = textValue(intervalNode, doc) ?? '';
      const parsed = parseDuration(text);
      metric.interval = { text, ms: parsed.ok ? parsed.ms : null, ref: refOf(intervalNode) };
    }
    const delay = parseDuration(textValue(valueOf(map, 'initialDelay', doc), doc));
    if (delay.ok) metric.initialDelayMs = delay.ms;
    for (const key of ['count', 'failureLimit', 'consecutiveSuccessLimit'] as const) {
      const field = countField(map, key, doc);
      if (field) metric[key] = field;
    }
    out.push(metric);
  }
  return out;
}

/** An int-or-string field: a number now, or `{{args.x}}` that only the AnalysisRun knows. */
function countField(map: YAMLMap, key: string, doc: Doc): CountField | undefined {
  const pair = pairOf(map, key);
  const node = valueOf(map, key, doc);
  if (!pair || !node) return undefined;
  const text = textValue(node, doc) ?? '';
  const n = numberValue(node, doc) ?? (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);
  return { text, ref: refOf(node), keyRef: pairKeyRef(pair, refOf(node)), ...(n !== undefined ? { value: n } : {}) };
}
