/**
 * One normalised canary plan, built from a native, Argo Rollouts or Flagger document, so that
 * each canary rule (and the live evaluator) is written once. Every part keeps its source node's
 * range; `anchor` is where findings about something missing point (the document's canary key).
 */
import type { SourceAuthConfig } from '../net/sourceAuth';
import type { Ref } from '../parse/yamlNodes';
import type { MetricUnit } from '../model/metrics';
import type { Threshold } from '../model/threshold';

export type CanaryFormat = 'native' | 'argo' | 'flagger';

export interface PlanStep {
  /** Traffic percent, or null when the source value is not a number. */
  weight: number | null;
  ref: Ref;
  /** Argo without trafficRouting: the canary's real share, its pods over all pods. */
  exposure?: { canaryPods: number; totalPods: number; percent: number };
}

export interface PlanMetric {
  name: string;
  ref: Ref;
  /** The metric's unit (well-known, declared, or unknown). */
  unit?: MetricUnit;
  /** Native: the threshold as written, parsed and fitted to the unit when possible. */
  threshold?: { text: string; ref: Ref; parsed?: Threshold; error?: string; errorRef?: Ref };
  /** Native: custom PromQL; Flagger: inline query; Argo: provider query. */
  query?: string;
  /** A well-known (native) or built-in (Flagger) metric. */
  builtin: boolean;
  /** Flagger `templateRef` / Argo template reference. */
  templateRef?: string;
  /** Watches errors: error-rate, success-rate, request-success-rate. */
  watchesErrors: boolean;
  /** Flagger: the metric's own `interval`, the window of data each check reads (not the schedule). */
  window?: { text: string; ms: number | null; ref: Ref };
}

export interface PlanAlert {
  channel: string;
  ref: Ref;
  /** `slack` of `slack:#deploys` (native), the Argo notification service, or `alertprovider` (Flagger). */
  kind?: string;
  /** `#deploys` of `slack:#deploys`, the Argo recipient, or the Flagger provider's name. */
  target?: string;
  /** Events it hears about; undefined means all. */
  on?: string[];
  /** Argo: false when the subscription's triggers never fire on an abort or a failed analysis. */
  firesOnFailure?: boolean;
}

export interface PlanPause {
  /** null: waits for a human forever (`pause: {}`). */
  durationMs: number | null;
  /** Argo: the weight the last `setWeight` before this pause set (absent before any). */
  weight?: number;
  ref: Ref;
}

/** `auth:` and `ca:` beside a source's URLs, as written (secrets stay `${secret:NAME}` here). */
export interface SourceAccessConfig {
  auth?: SourceAuthConfig;
  /** PEM path relative to the file. */
  ca?: string;
}

export interface CanarySourceConfig {
  scrape?: { canary: string; baseline: string } & SourceAccessConfig;
  prometheus?: { url: string; canary: string; baseline: string } & SourceAccessConfig;
  /** Metric naming conventions (docs/formats/canary.md, Naming conventions). */
  requestsMetric: string;
  latencyMetric: string;
  statusLabel: string;
  ref: Ref;
}

export interface CanaryPlan {
  format: CanaryFormat;
  docIndex: number;
  /** Where "missing X" findings point: `canary:` (native), `canary:` under strategy (Argo), `analysis:` or `spec:` (Flagger). */
  anchor: Ref;
  service?: string;
  steps: PlanStep[];
  stepsRef?: Ref;
  /** Flagger: `stepWeight` / `maxWeight` as written (steps are derived from them). */
  stepWeight?: { value: number; ref: Ref };
  maxWeight?: { value: number; ref: Ref };
  /** How long each step is watched. `ms` null when it does not parse. */
  interval?: { text: string; ms: number | null; ref: Ref; error?: string };
  metrics: PlanMetric[];
  metricsRef?: Ref;
  rollback: { automated: boolean; ref?: Ref; value?: string };
  alerts: PlanAlert[];
  alertsRef?: Ref;
  failureLimit?: number;
  failureLimitRef?: Ref;
  minRequests?: number;
  minRequestsRef?: Ref;
  pauses: PlanPause[];
  source?: CanarySourceConfig;
  /** Flagger: the weights are derived from `stepWeight` / `maxWeight`, not written one by one. */
  stepsDerived?: boolean;
  /** Argo: the analyses that gate the rollout (background or at a step). */
  analyses?: PlanAnalysis[];
  /** Flagger: the webhooks (load tests, gates, acceptance tests). */
  webhooks?: PlanWebhook[];
  /** Argo: which strategy the Rollout uses. */
  strategy?: 'canary' | 'blueGreen';
  /** Argo blueGreen: `autoPromotionEnabled: false`, a human promotes (the key's range). */
  manualPromotion?: Ref;
  /** Flagger: `skipAnalysis: true` (its value's range): Flagger promotes without checking. */
  skipAnalysis?: Ref;
}

export interface PlanAnalysis {
  /** `promotion`: a blueGreen pre- or post-promotion analysis. */
  kind: 'background' | 'step' | 'promotion';
  /** `templateName`s referenced: an analysis without any runs nothing. */
  templates: string[];
  /** The name in the pre-v0.9 `analysis.templateName` form, which Argo no longer reads. */
  obsoleteTemplateName?: string;
  ref: Ref;
}

export interface PlanWebhook {
  name?: string;
  type?: string;
  /** Its failure counts towards `threshold`, so it can roll the Canary back on its own. */
  gates: boolean;
  ref: Ref;
}
