/** Decides what a YAML document is (spec §2). Everything else is left alone. */
import type { Document } from 'yaml';
import { asMap, stringAt, pairOf } from './yamlNodes';

export type DocumentKind =
  | 'canary'
  | 'synthetic'
  | 'argo-rollout'
  | 'argo-analysis-template'
  | 'argo-experiment'
  | 'flagger-canary'
  | 'flagger-metric-template'
  | 'flagger-alert-provider';

export function sniffDocument(doc: Document.Parsed): DocumentKind | null {
  const root = asMap(doc.contents, doc);
  if (!root) return null;
  if (pairOf(root, 'canary')) return 'canary';
  if (pairOf(root, 'synthetic')) return 'synthetic';
  const apiVersion = stringAt(root, ['apiVersion'], doc) ?? '';
  const kind = stringAt(root, ['kind'], doc) ?? '';
  if (apiVersion.startsWith('argoproj.io/')) {
    if (kind === 'Rollout') return 'argo-rollout';
    if (kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate') return 'argo-analysis-template';
    if (kind === 'Experiment') return 'argo-experiment';
  }
  if (apiVersion.startsWith('flagger.app/')) {
    if (kind === 'Canary') return 'flagger-canary';
    if (kind === 'MetricTemplate') return 'flagger-metric-template';
    if (kind === 'AlertProvider') return 'flagger-alert-provider';
  }
  return null;
}
