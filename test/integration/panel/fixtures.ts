/** Fake-but-typed panel states for the Chromium harness: the types are the host's own. */
import {
  HISTORY_WINDOW_MS,
  type ChartPoint,
  type ChartSeries,
  type GateRow,
  type PanelState,
  type ReadingView,
} from '../../../src/shared/panel/panelModel';

export const HOSTILE = '<img src=x onerror="window.__pwned=1">';

export function gates(): GateRow[] {
  return [
    {
      name: 'error-rate',
      unit: '%',
      canary: 3.2,
      baseline: 0.41,
      threshold: '<= 1%',
      limit: 1,
      phase: 'fail',
      note: 'above the limit for 2 checks in a row',
    },
    {
      name: 'p99-latency',
      unit: 'ms',
      canary: 212.4,
      baseline: 198.2,
      threshold: '<= baseline * 1.1',
      limit: 218.02,
      phase: 'pass',
    },
    {
      name: HOSTILE,
      unit: 'count',
      canary: null,
      baseline: 4,
      threshold: '<= baseline + 2',
      limit: 6,
      phase: 'inconclusive',
      note: 'no data from the canary for this query',
    },
  ];
}

export function reading(at: number, over: Partial<ReadingView> = {}): ReadingView {
  return {
    at,
    verdict: 'breach',
    reason: 'error-rate 3.2% is above the limit 1%',
    staircase: { steps: [1, 5, 25, 50, 100], current: 2, weight: 24.6, intervalMs: 5 * 60_000, timeInStepMs: 190_000 },
    gates: gates(),
    errors: [],
    ...over,
  };
}

/** 30 minutes of points every 15 s, a canary drifting above its limit near the end. */
export function charts(now: number, gateRows: GateRow[]): ChartSeries[] {
  return gateRows.map((g, k) => {
    const points: ChartPoint[] = [];
    for (let t = now - HISTORY_WINDOW_MS + 15_000; t <= now; t += 15_000) {
      const i = (t - (now - HISTORY_WINDOW_MS)) / 15_000;
      const base = g.baseline ?? 1;
      const wave = Math.sin(i / 9 + k) * 0.08 * base;
      const drift = i > 100 ? ((i - 100) / 20) * base * 2 : 0;
      points.push([t, g.canary === null ? null : base + wave + drift, base + wave / 2, g.limit]);
    }
    return { name: g.name, unit: g.unit, points };
  });
}

export function watchingState(now: number, over: Partial<ReadingView> = {}): PanelState {
  const r = reading(now, over);
  return {
    trusted: true,
    configs: [{ uri: 'file:///ws/canary.yaml', label: 'canary.yaml', service: 'checkout', hasSource: true }],
    watch: {
      configUri: 'file:///ws/deploy/checkout/canary-analysis.yaml',
      configLabel: 'deploy/checkout/canary-analysis.yaml',
      service: 'checkout',
      paused: false,
      pollIntervalMs: 15_000,
      backoffMs: null,
      reading: r,
      charts: charts(now, r.gates),
    },
  };
}

export function emptyState(trusted = true): PanelState {
  return {
    trusted,
    watch: null,
    configs: [
      {
        uri: 'file:///ws/deploy/checkout/canary-analysis.yaml',
        label: 'deploy/checkout/canary-analysis.yaml',
        service: 'checkout',
        hasSource: true,
      },
      {
        uri: 'file:///ws/deploy/search/canary.yaml',
        label: 'deploy/search/canary.yaml',
        service: HOSTILE,
        hasSource: false,
      },
    ],
  };
}
