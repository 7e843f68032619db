/** Decides what a YAML document is (docs/architecture.md, How a finding flows). Everything else is left alone. */
import type { Document } from 'yaml';
import type { YAMLMap } from 'yaml';
import { closest } from '../schema/didYouMean';
import { asMap, entries, stringAt, pairOf } from './yamlNodes';

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
  if (pairOf(root, 'canary') && !looksLikeOtherConfig(root)) return 'canary';
  if (pairOf(root, 'synthetic') && !looksLikeOtherConfig(root)) return 'synthetic';
  return kubernetesKind(stringAt(root, ['apiVersion'], doc) ?? '', stringAt(root, ['kind'], doc) ?? '');
}

/** An Argo Rollouts or Flagger kind from a document's `apiVersion` and `kind`, else null. */
export function kubernetesKind(apiVersion: string, kind: string): DocumentKind | null {
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

/** Top-level keys a native file may hold beside `canary:` / `synthetic:` without being foreign. */
const NATIVE_TOP = [
  'canary',
  'synthetic',
  'budget',
  // keys of `canary:` and `synthetic:` that lost their indentation: a mistake in a native file
  'service',
  'steps',
  'interval',
  'metrics',
  'on_failure',
  'failure_limit',
  'min_requests',
  'alerts',
  'source',
  'base_url',
  'frequency',
  'locations',
  'journeys',
];

/**
 * A Helm chart's values.yaml often has a `canary:` section (`canary: {enabled: true}`) among
 * `image:`, `replicaCount:`, `resources:`. A native file has only `canary:` (or `synthetic:`) at
 * the top; a native key out of place or misspelt is a mistake worth reporting, two or more foreign keys are another tool's
 * config, and an `apiVersion` + `kind` make it a Kubernetes object.
 */
function looksLikeOtherConfig(root: YAMLMap): boolean {
  if (pairOf(root, 'apiVersion') && pairOf(root, 'kind')) return true;
  let foreign = 0;
  for (const [key] of entries(root)) if (!NATIVE_TOP.includes(key) && closest(key, NATIVE_TOP) === undefined) foreign++;
  return foreign >= 2;
}
