/**
 * What one file says about the templates of other files: the templates it defines (Argo
 * AnalysisTemplate / ClusterAnalysisTemplate, Flagger MetricTemplate / AlertProvider) and the
 * references it makes to them (a Rollout's `templateName`, a Canary's `templateRef`, ...).
 * Offsets are the file's own; the project index keeps which file each came from.
 */
import type { Ref } from '../parse/yamlNodes';

export type TemplateKind = 'AnalysisTemplate' | 'ClusterAnalysisTemplate' | 'MetricTemplate' | 'AlertProvider';

/** Where an Argo analysis runs: decides whether it must come to an end. */
export type AnalysisContext = 'background' | 'step' | 'prePromotion' | 'postPromotion' | 'experiment';

export interface TemplateArg {
  name: string;
  /** `value` or `valueFrom` is written: the referrer need not supply it. */
  hasValue: boolean;
  ref: Ref;
}

/** A number, a `{{args.x}}` text the controller fills in later (undefined value), or absent. */
export interface CountField {
  value?: number;
  text: string;
  ref: Ref;
  keyRef: Ref;
}

export interface TemplateMetric {
  name: string;
  ref: Ref;
  interval?: { ms: number | null; text: string; ref: Ref };
  initialDelayMs?: number;
  count?: CountField;
  failureLimit?: CountField;
  consecutiveSuccessLimit?: CountField;
  /** The metric map's key range (`- name: x`): where a finding about the whole metric points. */
  keyRef: Ref;
}

export interface TemplateDefinition {
  kind: TemplateKind;
  name: string;
  namespace?: string;
  /** The `metadata.name` value: where go-to-definition lands. */
  nameRef: Ref;
  docIndex: number;
  /** Argo: the template's `args`. */
  args: TemplateArg[];
  /** Argo: the template's metrics. */
  metrics: TemplateMetric[];
  /**
   * Flagger MetricTemplate: its query reads `{{ interval }}`, so the referring metric's `interval`
   * is the window of data it reads. A query with its own window (`[5m]`) ignores that interval.
   */
  readsInterval?: boolean;
}

export interface TemplateReference {
  kind: TemplateKind;
  name: string;
  /** The namespace the lookup happens in, when the file says (the referrer's own, or the ref's). */
  namespace?: string;
  /** The name's value: where findings and go-to-definition start. */
  ref: Ref;
  docIndex: number;
  /** Argo: the arguments the referrer supplies to this template (its analysis' `args`). */
  suppliedArgs?: string[];
  /** Argo: where the analysis runs. */
  context?: AnalysisContext;
  /** Argo experiments: how long the experiment runs, when it says. */
  durationMs?: number;
}
