/**
 * Watching an Argo Rollout or a Flagger Canary through its analysis metrics: every interval each
 * metric's query runs once and is judged as its controller would (core/analysis), and the result
 * is shaped as the panel's live reading — per metric the value, the condition, the phase — so the
 * view, the status bar and the charts show it like a native canary. History for the charts comes
 * from query_range of the same queries. Pure (no `vscode`): unit-tested and driven by the panel.
 */
import type { AnalysisJob, AnalysisPhase, MetricJob } from '../../core/analysis/job';
import { runAnalysis, worstPhase, type AnalysisOutcome, type MetricOutcome } from '../../core/analysis/runAnalysis';
import { endpointOf } from '../../core/canary/httpText';
import { rangeQuery } from '../../core/canary/prometheusApi';
import { sleep } from '../../core/abortableSleep';
import type { MetricUnit } from '../../core/model/metrics';
import type { LiveWatcher } from './liveCanary';
import type {
  CanaryReading as LiveReading,
  MetricReading as LiveMetricReading,
  Verdict as LiveVerdict,
} from '../../core/canary/reading';
import type { ChartPoint, ChartSeries } from '../../shared/panel/panelModel';

export interface AnalysisWatchOptions {
  intervalMs: number;
  /** Shown in the view: the Rollout's or Canary's name. */
  service: string;
  /** Traffic steps, for the staircase (the plan's weights). */
  steps: number[];
  /** How long each step is watched (Flagger's analysis interval), when known. */
  stepIntervalMs?: number | null;
  maxBackoffMs?: number;
  clock?: () => number;
}

const PHASE: Record<AnalysisPhase, LiveMetricReading['phase']> = {
  Successful: 'pass',
  Failed: 'fail',
  Inconclusive: 'inconclusive',
  Error: 'error',
};

/** A metric's name in the view: `template / metric` when a Rollout's templates are several. */
function metricLabel(job: AnalysisJob, m: MetricJob, jobs: readonly AnalysisJob[]): string {
  return jobs.length > 1 ? `${job.name} / ${m.name}` : m.name;
}

function unitOf(m: MetricJob): MetricUnit | null {
  if (m.judge.kind !== 'flagger') return null;
  if (m.name === 'request-success-rate') return '%';
  if (m.name === 'request-duration') return 'ms';
  return null;
}

function limitOf(m: MetricJob): number | null {
  if (m.judge.kind !== 'flagger') return null;
  return m.judge.min ?? m.judge.max ?? null;
}

export function analysisReading(
  outcomes: readonly AnalysisOutcome[],
  options: AnalysisWatchOptions,
  at: number,
): LiveReading {
  const jobs = outcomes.map((o) => o.job);
  const metrics: LiveMetricReading[] = outcomes.flatMap((o) =>
    o.metrics.map((m: MetricOutcome) => ({
      name: metricLabel(o.job, m.job, jobs),
      unit: unitOf(m.job),
      canary: m.value,
      baseline: null,
      threshold: m.condition,
      limit: limitOf(m.job),
      phase: PHASE[m.phase],
      pass: m.phase === 'Successful' ? true : m.phase === 'Failed' ? false : null,
      // The controller counts failures itself (failureLimit, threshold); each check is shown as it is.
      consecutiveFailures: 0,
      message: m.message || null,
      valueOnly: true,
    })),
  );
  const all = outcomes.flatMap((o) => o.metrics);
  const unreachable = all.find((m) => m.unreachable);
  const worst = worstPhase(outcomes.map((o) => o.verdict));
  const verdict: LiveVerdict = unreachable
    ? 'stale'
    : worst === 'Failed'
      ? 'breach'
      : worst === 'Successful'
        ? 'healthy'
        : 'inconclusive';
  const first = all.find((m) => m.phase === worst && m.phase !== 'Successful');
  const reason = unreachable
    ? unreachable.message
    : first
      ? `${first.name}: ${first.message || `${first.phase}${first.value !== null ? ` (${round(first.value)})` : ''}`}`
      : 'Every analysis metric passes its condition.';
  return {
    service: options.service,
    verdict,
    reason,
    at,
    dataAt: unreachable ? null : at,
    windowMs: null,
    warmingUp: false,
    source: {
      kind: 'prometheus',
      description: 'Prometheus (analysis metrics)',
      error: unreachable ? unreachable.message : null,
      notes: [],
    },
    weight: null,
    share: null,
    step: null,
    steps: options.steps,
    timeInStepMs: null,
    intervalMs: options.stepIntervalMs ?? null,
    requests: { canary: null, baseline: null },
    minRequests: null,
    failureLimit: 0,
    metrics,
    budget: null,
  };
}

function round(v: number): string {
  return String(Math.abs(v) >= 100 ? Math.round(v * 100) / 100 : Number(v.toPrecision(4)));
}

export class AnalysisWatcher implements LiveWatcher {
  private readonly listeners = new Set<(r: LiveReading) => void>();
  private failuresInRow = 0;
  private running = false;
  private readonly clock: () => number;

  constructor(
    readonly jobs: readonly AnalysisJob[],
    private readonly options: AnalysisWatchOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  onReading(listener: (reading: LiveReading) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async poll(signal?: AbortSignal): Promise<LiveReading> {
    const outcomes = await runAnalysis(this.jobs, { ...(signal ? { signal } : {}), clock: this.clock });
    if (signal?.aborted) throw new Error('stopped');
    const reading = analysisReading(outcomes, this.options, this.clock());
    this.failuresInRow = reading.verdict === 'stale' ? this.failuresInRow + 1 : 0;
    for (const l of this.listeners) {
      try {
        l(reading);
      } catch {
        // A listener's bug must not stop the watch.
      }
    }
    return reading;
  }

  nextDelayMs(): number {
    const interval = this.options.intervalMs;
    if (this.failuresInRow === 0) return interval;
    return Math.min(
      Math.max(interval, this.options.maxBackoffMs ?? 300_000),
      interval * 2 ** Math.min(this.failuresInRow, 20),
    );
  }

  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error('this watcher is already running');
    this.running = true;
    try {
      while (!signal.aborted) {
        try {
          await this.poll(signal);
        } catch {
          break;
        }
        await sleep(this.nextDelayMs(), signal);
      }
    } finally {
      this.running = false;
    }
  }

  /** Each metric's query over the past range: its value as the chart's line, its limit dashed. */
  async backfill(rangeMs: number, signal: AbortSignal): Promise<ChartSeries[]> {
    const endSec = Math.floor(this.clock() / 1000);
    const stepSec = Math.max(3, Math.round(Math.min(60_000, this.options.intervalMs) / 1000));
    const range = { startSec: endSec - Math.ceil(rangeMs / 1000), endSec, stepSec };
    const series = await Promise.all(
      this.jobs.flatMap((job) =>
        job.metrics.map(async (m): Promise<ChartSeries | undefined> => {
          if (m.unsupported) return undefined;
          const r = await rangeQuery(endpointOf(m.address, 'Prometheus'), m.query, range, {
            timeoutMs: 10_000,
            signal,
          });
          if (!r.ok) return undefined;
          const limit = limitOf(m);
          const points: ChartPoint[] = r.points.map((p) => [p.t, p.v, null, limit]);
          return { name: metricLabel(job, m, this.jobs), unit: unitOf(m) ?? '', points };
        }),
      ),
    );
    return series.filter((s): s is ChartSeries => s !== undefined);
  }
}
