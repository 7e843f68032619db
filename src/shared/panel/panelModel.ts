/**
 * The canary panel's view model: what the webview draws, nothing more. Built by the host from the
 * core's readings (see readingView.ts) and sent over postMessage, so it holds only plain JSON and
 * no `vscode` import: the webview bundle imports this file too.
 *
 * Bounded on purpose (a panel may stay open for days): chart history keeps at most
 * HISTORY_WINDOW_MS and HISTORY_MAX_POINTS per metric, and the webview receives one snapshot on
 * load and then one small delta per reading.
 */

import type { Verdict } from '../../core/canary/verdict';

export { VERDICTS, type Verdict } from '../../core/canary/verdict';

export type GatePhase = 'pass' | 'fail' | 'inconclusive';
export const GATE_PHASES: readonly GatePhase[] = ['pass', 'fail', 'inconclusive'];

/** Charts show the last 30 minutes. */
export const HISTORY_WINDOW_MS = 30 * 60 * 1000;
/** Even at a 1 s poll interval a chart never holds more than this many points per metric. */
export const HISTORY_MAX_POINTS = 720;

export interface GateRow {
  /** Metric name as written in the config (any text: shown as text, never as HTML). */
  name: string;
  /** `%`, `ms`, `s`, `req/s` or `count`. */
  unit: string;
  canary: number | null;
  baseline: number | null;
  /** The threshold as written, e.g. `<= baseline * 1.1`. */
  threshold: string;
  /** The threshold resolved to a number in the metric's unit; null when it cannot be (no baseline). */
  limit: number | null;
  phase: GatePhase;
  /** Why it is inconclusive or failing, in plain words (optional). */
  note?: string;
  /** An Argo / Flagger analysis metric: a value and its condition, no baseline. */
  valueOnly?: boolean;
}

export interface Staircase {
  /** Traffic percent per step, as configured. */
  steps: number[];
  /** Index into `steps` of the step the canary's share of traffic snaps to; null when unknown. */
  current: number | null;
  /** The measured share of requests in percent; null when unknown. */
  weight: number | null;
  /** How long each step is watched; null when the config has no parseable interval. */
  intervalMs: number | null;
  /** Time spent in the current step so far; null when unknown. */
  timeInStepMs: number | null;
}

export interface ReadingView {
  /** When the reading was taken (epoch ms). */
  at: number;
  verdict: Verdict;
  /** One line that says why, e.g. "error-rate 3.2% is above the limit 1%". */
  reason: string;
  staircase: Staircase;
  gates: GateRow[];
  /** Source errors in plain words (empty when the source answered). */
  errors: string[];
  /** The risk budget in words; absent without a budget. */
  budget?: BudgetView;
}

export interface BudgetView {
  /** "spent 0.4% of the error budget since watching began; worst case 11.6%; allowed 10% per rollout" */
  text: string;
  spentPercent: number | null;
  maxSpendPercent: number;
  over: boolean;
  /** Over budget while every gate passes: said plainly. */
  overWhileHealthy: boolean;
}

/** One chart point: [epoch ms, canary, baseline, resolved threshold]. A tuple keeps messages small. */
export type ChartPoint = [number, number | null, number | null, number | null];

export interface WatchView {
  /** The config's URI as a string (the host maps it back; the webview only echoes it). */
  configUri: string;
  /** Workspace-relative path, for display. */
  configLabel: string;
  service: string;
  paused: boolean;
  pollIntervalMs: number;
  /** When the source keeps failing, the watcher waits longer between polls. */
  backoffMs: number | null;
  reading: ReadingView | null;
  /** One chart per metric, points oldest first, bounded (see HISTORY_*). */
  charts: ChartSeries[];
}

/**
 * A list rather than a record keyed by metric name: names come from user files, and a name such
 * as `__proto__` must stay an ordinary value.
 */
export interface ChartSeries {
  name: string;
  unit: string;
  points: ChartPoint[];
}

export interface ConfigEntry {
  uri: string;
  label: string;
  service: string | null;
  /** Whether the canary has a `source` the panel can poll. */
  hasSource: boolean;
}

/** The last "Check against Prometheus" of a metric, shown in the view beside the watch. */
export interface CheckView {
  name: string;
  /** Where the metric is written, for display. */
  file: string;
  phase: 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
  value: number | null;
  condition: string;
  message: string;
  at: number;
}

export interface PanelState {
  /** The latest metric checks, newest first (absent from older hosts). */
  checks?: CheckView[];
  configs: ConfigEntry[];
  watch: WatchView | null;
  /** false in an untrusted workspace: nothing is polled and the panel says why. */
  trusted: boolean;
}

/** Appends a reading's points to the charts and drops what falls out of the window or the cap. */
export function appendReading(charts: ChartSeries[], reading: ReadingView): void {
  for (const gate of reading.gates) {
    let series = charts.find((c) => c.name === gate.name);
    if (!series) {
      series = { name: gate.name, unit: gate.unit, points: [] };
      charts.push(series);
    }
    series.unit = gate.unit;
    // A stale reading measured nothing new: a gap in the chart, not a flat line of old values.
    const judged = reading.verdict !== 'stale';
    series.points.push([reading.at, judged ? gate.canary : null, judged ? gate.baseline : null, gate.limit]);
    trimPoints(series.points, reading.at);
  }
}

export function trimPoints(points: ChartPoint[], now: number): void {
  const oldest = now - HISTORY_WINDOW_MS;
  let drop = 0;
  while (drop < points.length && points[drop]![0] < oldest) drop++;
  drop = Math.max(drop, points.length - HISTORY_MAX_POINTS);
  if (drop > 0) points.splice(0, drop);
}

/**
 * Puts history fetched when a watch starts before the live points: only what is older than the
 * first live point is taken, so a reading that arrived meanwhile is never doubled.
 */
export function mergeBackfill(charts: ChartSeries[], backfill: readonly ChartSeries[], now: number): void {
  for (const b of backfill) {
    let series = charts.find((c) => c.name === b.name);
    if (!series) {
      series = { name: b.name, unit: b.unit, points: [] };
      charts.push(series);
    }
    const firstLive = series.points.length ? series.points[0]![0] : Infinity;
    const older = b.points.filter((p) => p[0] < firstLive - 1000);
    series.points.unshift(...older);
    trimPoints(series.points, now);
  }
}
