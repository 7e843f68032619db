/**
 * One uPlot chart per metric: canary and baseline over the data on hand (up to 30 minutes), the
 * resolved threshold as a dashed line. The time axis spans the points there are, so a canary
 * watched for two minutes fills the chart instead of hugging the right edge of a 30-minute axis;
 * axis labels are measured so that none is cut off. Charts live across readings (setData on each delta) and are rebuilt only when
 * the set of metrics or the theme changes, so a panel open for days does not leak canvases.
 */
import uPlot from 'uplot';
import type { ChartSeries } from '../src/shared/panel/panelModel';
import { HISTORY_WINDOW_MS } from '../src/shared/panel/panelModel';
import { h } from './element';
import { formatValue } from './format';

interface ChartEntry {
  name: string;
  unit: string;
  plot: uPlot;
  block: HTMLElement;
}

export class ChartBoard {
  private charts: ChartEntry[] = [];
  /** The theme colors the charts were drawn with; a change (any theme switch) rebuilds them. */
  private colorsKey = '';
  private readonly root: HTMLElement;
  private readonly resize: ResizeObserver;

  constructor() {
    this.root = h('div', { class: 'charts' });
    this.resize = new ResizeObserver(() => this.fitWidth());
    this.resize.observe(this.root);
  }

  get element(): HTMLElement {
    return this.root;
  }

  /** Draws the series; reuses the uPlot instances when the metrics are the same. */
  update(series: ChartSeries[], now: number): void {
    const colorsKey = JSON.stringify(themeColors());
    const same =
      colorsKey === this.colorsKey &&
      series.length === this.charts.length &&
      series.every((s, i) => this.charts[i]!.name === s.name && this.charts[i]!.unit === s.unit);
    if (!same) this.rebuild(series);
    const span = timeSpan(series, now);
    series.forEach((s, i) => {
      const chart = this.charts[i]!;
      chart.plot.setData(toAligned(s), false);
      chart.plot.setScale('x', { min: span.from / 1000, max: span.to / 1000 });
      chart.block.setAttribute('data-span-s', String(Math.round((span.to - span.from) / 1000)));
      chart.block.setAttribute('data-points', String(s.points.length));
    });
  }

  /** Nothing watched: free the canvases. */
  clear(): void {
    for (const c of this.charts) c.plot.destroy();
    this.charts = [];
    this.root.replaceChildren();
  }

  private rebuild(series: ChartSeries[]): void {
    for (const c of this.charts) c.plot.destroy();
    this.root.replaceChildren();
    const colors = themeColors();
    this.colorsKey = JSON.stringify(colors);
    const width = this.width();
    this.charts = series.map((s) => {
      const block = h(
        'figure',
        { class: 'chart', 'data-metric': s.name },
        h('figcaption', { class: 'chart-title' }, `${s.name}${s.unit && s.unit !== 'count' ? ` (${s.unit})` : ''}`),
      );
      this.root.append(block);
      const plot = new uPlot(options(s.unit, width, colors), toAligned(s), block);
      return { name: s.name, unit: s.unit, plot, block };
    });
  }

  private width(): number {
    return Math.max(160, Math.floor(this.root.clientWidth || document.body.clientWidth - 24));
  }

  private fitWidth(): void {
    const width = this.width();
    for (const c of this.charts)
      if (Math.abs(c.plot.width - width) > 2) c.plot.setSize({ width, height: c.plot.height });
  }
}

/** Charts never span less than this: two readings a second apart are not a trend. */
const MIN_SPAN_MS = 60_000;

/** From the oldest point on hand (at most 30 minutes back) to now. */
export function timeSpan(series: readonly ChartSeries[], now: number): { from: number; to: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const s of series) {
    if (s.points.length === 0) continue;
    first = Math.min(first, s.points[0]![0]);
    last = Math.max(last, s.points[s.points.length - 1]![0]);
  }
  const to = Math.max(now, Number.isFinite(last) ? last : now);
  const from = Number.isFinite(first) ? Math.max(first, to - HISTORY_WINDOW_MS) : to - MIN_SPAN_MS;
  return { from: Math.min(from, to - MIN_SPAN_MS), to };
}

/** "Last 4 minutes": what the charts show, said plainly. */
export function spanTitle(series: readonly ChartSeries[], now: number): string {
  const { from, to } = timeSpan(series, now);
  const minutes = Math.max(1, Math.round((to - from) / 60_000));
  return minutes === 1 ? 'Last minute' : `Last ${minutes} minutes`;
}

function toAligned(s: ChartSeries): uPlot.AlignedData {
  const xs: number[] = [];
  const canary: (number | null)[] = [];
  const baseline: (number | null)[] = [];
  const limit: (number | null)[] = [];
  for (const [t, c, b, l] of s.points) {
    xs.push(t / 1000);
    canary.push(finite(c));
    baseline.push(finite(b));
    limit.push(finite(l));
  }
  return [xs, canary, baseline, limit];
}

function finite(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

interface Colors {
  canary: string;
  baseline: string;
  limit: string;
  axis: string;
  grid: string;
}

function themeColors(): Colors {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    canary: v('--vscode-charts-orange', '#d18616'),
    baseline: v('--vscode-charts-blue', '#3794ff'),
    limit: v('--vscode-charts-red', '#f14c4c'),
    axis: v('--vscode-descriptionForeground', v('--vscode-foreground', '#888')),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.25)')),
  };
}

function options(unit: string, width: number, c: Colors): uPlot.Options {
  const font = `11px ${getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim() || 'sans-serif'}`;
  const axis: uPlot.Axis = {
    stroke: c.axis,
    font,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1, size: 4 },
  };
  return {
    width,
    height: 130,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 5 } },
    scales: { x: { time: true }, y: { range: (_u, min, max) => yRange(min, max) } },
    series: [
      { label: 'time', value: (_u, v) => (v === null ? '' : new Date(v * 1000).toLocaleTimeString()) },
      {
        label: 'canary',
        stroke: c.canary,
        width: 2,
        spanGaps: false,
        value: (_u, v) => formatValue(v, unit),
        points: { show: false },
      },
      {
        label: 'baseline',
        stroke: c.baseline,
        width: 1.5,
        spanGaps: false,
        value: (_u, v) => formatValue(v, unit),
        points: { show: false },
      },
      {
        label: 'limit',
        stroke: c.limit,
        width: 1,
        dash: [5, 4],
        spanGaps: true,
        value: (_u, v) => formatValue(v, unit),
        points: { show: false },
      },
    ],
    axes: [
      {
        ...axis,
        space: 64,
        // Seconds matter when the chart spans a few minutes; beyond ten, hours and minutes say enough.
        values: (u, splits) => {
          const span = (u.scales.x!.max ?? 0) - (u.scales.x!.min ?? 0);
          const parts: Intl.DateTimeFormatOptions =
            span < 600
              ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
              : { hour: '2-digit', minute: '2-digit' };
          return splits.map((v) => new Date(v * 1000).toLocaleTimeString([], parts));
        },
      },
      {
        ...axis,
        size: (u, values) => labelWidth(u, values, font),
        values: (_u, splits) => splits.map((v) => formatValue(v, unit)),
      },
    ],
  };
}

/** From zero (rates, latencies are never negative) to a bit above the largest value or limit. */
function yRange(min: number | null, max: number | null): uPlot.Range.MinMax {
  const lo = min === null ? 0 : Math.min(0, min);
  const hi = max === null || max <= lo ? lo + 1 : max * 1.15;
  return [lo, hi];
}

/** The y axis is as wide as its longest label (uPlot's fixed default cuts "1,250 ms" short). */
function labelWidth(u: uPlot, values: string[] | null, font: string): number {
  if (!values || values.length === 0) return 40;
  const ctx = u.ctx;
  ctx.save();
  ctx.font = font;
  const widest = Math.max(...values.map((v) => ctx.measureText(v).width));
  ctx.restore();
  // Tick length, gap and a little air, in CSS pixels.
  return Math.ceil(widest + 14);
}
