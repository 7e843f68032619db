/**
 * The metrics `release-safety monitor` serves, named and shaped like the Prometheus blackbox
 * exporter's `probe_*` series (a success gauge of 1 or 0, a duration gauge in seconds), so that a
 * team's existing probe dashboards and alerts read them the same way:
 *   release_safety_journey_success{journey,file,location}                 1 or 0
 *   release_safety_journey_duration_seconds{journey,file,location}
 *   release_safety_journey_last_run_timestamp_seconds{journey,file,location}
 *   release_safety_journey_runs_total{journey,file,location,result}       counter
 *   release_safety_step_duration_seconds{journey,file,location,step}
 * Bounded: one series set per journey (and per step of it), replaced on every run.
 */
import type { JourneyResult, RunStatus } from '../journey/result';

export interface JourneyLabels {
  journey: string;
  file: string;
  location: string;
}

interface JourneySeries {
  labels: JourneyLabels;
  success: number;
  durationS: number;
  lastRunS: number;
  runs: Record<RunStatus, number>;
  steps: Array<{ name: string; durationS: number }>;
}

const RESULTS: readonly RunStatus[] = ['passed', 'failed', 'skipped'];

export class JourneyMetrics {
  private readonly series = new Map<string, JourneySeries>();

  /** Declares a journey before its first run, so its counters exist (at 0) from the start. */
  declare(labels: JourneyLabels): void {
    const key = keyOf(labels);
    if (!this.series.has(key))
      this.series.set(key, {
        labels,
        success: Number.NaN,
        durationS: Number.NaN,
        lastRunS: Number.NaN,
        runs: { passed: 0, failed: 0, skipped: 0 },
        steps: [],
      });
  }

  record(labels: JourneyLabels, result: JourneyResult, finishedAtMs: number): void {
    this.declare(labels);
    const s = this.series.get(keyOf(labels))!;
    s.success = result.status === 'passed' ? 1 : 0;
    s.durationS = result.durationMs / 1000;
    s.lastRunS = finishedAtMs / 1000;
    s.runs[result.status]++;
    // Step names come from the file; a journey has a fixed list of them, so this stays bounded.
    s.steps = result.steps.map((step) => ({ name: step.name, durationS: step.durationMs / 1000 }));
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const all = [...this.series.values()];
    const out: string[] = [];
    const gauge = (name: string, help: string, value: (s: JourneySeries) => number) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
      for (const s of all) if (!Number.isNaN(value(s))) out.push(`${name}${labelText(s.labels)} ${num(value(s))}`);
    };
    gauge('release_safety_journey_success', "Whether the journey's last run passed (1) or not (0).", (s) => s.success);
    gauge(
      'release_safety_journey_duration_seconds',
      "How long the journey's last run took, in seconds.",
      (s) => s.durationS,
    );
    gauge(
      'release_safety_journey_last_run_timestamp_seconds',
      "When the journey's last run finished, as a Unix timestamp.",
      (s) => s.lastRunS,
    );
    out.push(
      '# HELP release_safety_journey_runs_total Runs of the journey by result.',
      '# TYPE release_safety_journey_runs_total counter',
    );
    for (const s of all)
      for (const r of RESULTS)
        out.push(`release_safety_journey_runs_total${labelText(s.labels, { result: r })} ${s.runs[r]}`);
    out.push(
      "# HELP release_safety_step_duration_seconds How long each step of the journey's last run took, in seconds.",
      '# TYPE release_safety_step_duration_seconds gauge',
    );
    for (const s of all) {
      const seen = new Set<string>();
      for (const step of s.steps) {
        // Two steps of one name would be one series twice: the exposition format forbids that.
        if (seen.has(step.name)) continue;
        seen.add(step.name);
        out.push(
          `release_safety_step_duration_seconds${labelText(s.labels, { step: step.name })} ${num(step.durationS)}`,
        );
      }
    }
    return `${out.join('\n')}\n`;
  }
}

function keyOf(l: JourneyLabels): string {
  return JSON.stringify([l.journey, l.file, l.location]);
}

function labelText(l: JourneyLabels, extra: Record<string, string> = {}): string {
  const pairs = Object.entries({ journey: l.journey, file: l.file, location: l.location, ...extra });
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** Label values: backslash, double quote and line feed are escaped (the exposition format's rules). */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(Math.round(v * 1e6) / 1e6);
}
