/**
 * What `analyze` runs: per document one AnalysisJob (an Argo template with its arguments filled,
 * or a Flagger Canary with its queries rendered), each metric one query and a way to judge its
 * answer. Jobs are built without touching the network, so a config error stops everything
 * before a single query is sent.
 */
import type { ParsedFile } from '../parse/parseFile';

/** Argo's AnalysisPhase for one measurement. */
export type AnalysisPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';

export interface AnalysisFile {
  /** As the user named it (or as found beside it). */
  path: string;
  file: ParsedFile;
}

export interface ArgoJudge {
  kind: 'argo';
  successCondition?: string;
  failureCondition?: string;
  /** Failed measurements the AnalysisRun tolerates (Argo's default 0). */
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  /** Measurements taken, when bounded. */
  count?: number;
  interval?: string;
}

export interface FlaggerJudge {
  kind: 'flagger';
  min?: number;
  max?: number;
  /** Failed checks before Flagger rolls back (`analysis.threshold`). */
  threshold?: number;
  interval: string;
  /** request-duration: Flagger compares whole milliseconds. */
  wholeMilliseconds?: boolean;
}

export interface MetricJob {
  name: string;
  /** The PromQL as it is sent, placeholders filled. */
  query: string;
  address: string;
  judge: ArgoJudge | FlaggerJudge;
  /** Not queried, and why (a provider other than Prometheus). */
  unsupported?: string;
  /** Where the metric is written, for the editor. */
  at: { path: string; offset: number; length: number };
}

export type JobKind = 'AnalysisTemplate' | 'ClusterAnalysisTemplate' | 'Canary';

export interface AnalysisJob {
  path: string;
  kind: JobKind;
  name: string;
  /** How the job was reached, for people: "Rollout checkout, step 3". */
  via?: string;
  /** The arguments used (Argo). */
  args?: Record<string, string>;
  metrics: MetricJob[];
}

export interface JobOptions {
  /** `--prometheus`: replaces every address the files name. */
  prometheus?: string;
  /** `--arg NAME=VALUE`. */
  args?: Record<string, string>;
  /** Only this document of the target file (the editor analyses one Rollout, Canary or template). */
  docIndex?: number;
}

export interface JobsResult {
  jobs: AnalysisJob[];
  /** Config errors in the user's words; any one stops the analysis (exit 2). */
  errors: string[];
}
