/** Where each analysis metric of a file is written: AnalysisTemplate metrics, Flagger Canary metrics. */
import type { Node } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import { asMap, asSeq, nodeAt, refOf, valueOf } from '../parse/yamlNodes';
import { textValue } from '../plan/planParts';

export interface MetricRef {
  docIndex: number;
  name: string;
  offset: number;
  length: number;
}

export function analysisMetricRefs(file: ParsedFile): MetricRef[] {
  const out: MetricRef[] = [];
  for (const d of file.documents) {
    const doc = d.doc;
    let path: string[] | undefined;
    if (d.kind === 'argo-analysis-template') path = ['spec', 'metrics'];
    else if (d.kind === 'flagger-canary')
      path = nodeAt(asMap(doc.contents, doc), ['spec', 'analysis'], doc)
        ? ['spec', 'analysis', 'metrics']
        : ['spec', 'canaryAnalysis', 'metrics'];
    if (!path) continue;
    for (const item of asSeq(nodeAt(asMap(doc.contents, doc), path, doc), doc)?.items ?? []) {
      const nameNode = valueOf(asMap(item, doc), 'name', doc);
      const name = textValue(nameNode, doc);
      if (name === undefined || !nameNode) continue;
      out.push({ docIndex: d.index, name, ...refOf(nameNode as Node) });
    }
  }
  return out;
}
