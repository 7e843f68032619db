/**
 * Runs analysis jobs: each metric's query once against Prometheus (all at once, one evaluation
 * time for every query), then judged. Never throws for the network: a Prometheus that does not
 * answer is an Error measurement marked `unreachable`, in plain words.
 */
import type { Network } from '../net/network';
import { endpointOf } from '../canary/httpText';
import { SourceError } from '../canary/source';
import type { AnalysisJob, AnalysisPhase, MetricJob } from './job';
import { argoCondition, flaggerCondition, judgeArgo, judgeFlagger, type Judged } from './judge';
import { vectorQuery } from './prometheusVector';

export interface MetricOutcome {
  job: MetricJob;
  name: string;
  query: string;
  /** The first sample's number; null when there is none or it is not finite. */
  value: number | null;
  /** Every sample, NaN and ±Inf included. */
  values: number[];
  phase: AnalysisPhase;
  controllerPhase?: AnalysisPhase;
  condition: string;
  message: string;
  /** Prometheus did not answer at all. */
  unreachable?: boolean;
}

export interface AnalysisOutcome {
  job: AnalysisJob;
  verdict: AnalysisPhase;
  metrics: MetricOutcome[];
}

export interface RunOptions {
  /** Proxies and extra authorities (the CLI's --cacert and proxy variables); default: fetch as it is. */
  network?: Network;
  timeoutMs?: number;
  signal?: AbortSignal;
  clock?: () => number;
}

const RANK: Record<AnalysisPhase, number> = { Successful: 0, Inconclusive: 1, Error: 2, Failed: 3 };

/** The worst phase wins: Failed over Error over Inconclusive over Successful. */
export function worstPhase(phases: readonly AnalysisPhase[]): AnalysisPhase {
  return phases.reduce<AnalysisPhase>((w, p) => (RANK[p] > RANK[w] ? p : w), 'Successful');
}

export async function runAnalysis(jobs: readonly AnalysisJob[], options: RunOptions = {}): Promise<AnalysisOutcome[]> {
  const timeSec = (options.clock ?? Date.now)() / 1000;
  return Promise.all(
    jobs.map(async (job) => {
      const metrics = await Promise.all(job.metrics.map((m) => measure(m, { ...options, timeSec })));
      return { job, verdict: worstPhase(metrics.map((m) => m.phase)), metrics };
    }),
  );
}

export async function measure(m: MetricJob, options: RunOptions & { timeSec?: number }): Promise<MetricOutcome> {
  const condition = m.judge.kind === 'argo' ? argoCondition(m.judge) : flaggerCondition(m.judge);
  const base = { job: m, name: m.name, query: m.query, condition };
  if (m.unsupported)
    return { ...base, value: null, values: [], phase: 'Error', message: `Not queried: ${m.unsupported}.` };
  try {
    const endpoint = endpointOf(m.address, 'Prometheus', options.network ? { network: options.network } : {});
    const answer = await vectorQuery(endpoint, m.query, {
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.timeSec !== undefined ? { timeSec: options.timeSec } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!answer.ok) return { ...base, value: null, values: [], phase: 'Error', message: answer.error };
    const judged: Judged =
      m.judge.kind === 'argo' ? judgeArgo(m.judge, answer.kind, answer.values) : judgeFlagger(m.judge, answer.values);
    const first = answer.values[0];
    return {
      ...base,
      value: first !== undefined && Number.isFinite(first) ? first : null,
      values: answer.values,
      phase: judged.phase,
      ...(judged.controllerPhase ? { controllerPhase: judged.controllerPhase } : {}),
      message: judged.message,
    };
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    return {
      ...base,
      value: null,
      values: [],
      phase: 'Error',
      message: `Prometheus did not answer: ${e.message}`,
      unreachable: true,
    };
  }
}
