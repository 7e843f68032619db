/**
 * Soak: the panel watching a canary for an hour of readings, on a simulated clock. The real
 * watcher, evaluator, history ring, reading view and chart model run one reading per simulated
 * second (3,600 readings, four times the editor's fastest sensible poll), with the source
 * failing for a minute every ten (stale stretches) and the canary moving through its steps. The
 * source is an in-process CanarySource so the hour takes seconds; its HTTP paths are covered by
 * the live status tests. Heap is measured after a forced GC every ten simulated minutes: the
 * numbers are printed, and growth from the 10th to the 60th minute must stay under 8 MB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import { SourceError, type CanarySource, type SourceSample } from '../../../src/core/canary/source';
import {
  appendReading,
  HISTORY_MAX_POINTS,
  HISTORY_WINDOW_MS,
  type ChartSeries,
} from '../../../src/shared/panel/panelModel';
import { toReadingView } from '../../../src/extension/panel/readingView';
import { metric, plan } from '../canary/planFixture';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

test('an hour of readings: history and charts stay bounded, heap stays flat', async (t) => {
  let now = 1_800_000_000_000;
  const clock = () => now;
  const metrics = [
    metric('error-rate', '<= 1%'),
    metric('p99-latency', '<= baseline * 1.5'),
    metric('throughput', '>= 1 req/s'),
  ];
  let second = 0;
  const source: CanarySource = {
    kind: 'scrape',
    description: 'simulated',
    async read(): Promise<SourceSample> {
      const minute = Math.floor(second / 60);
      if (minute % 10 === 9) throw new SourceError('simulated outage: connection refused');
      const share = [5, 25, 50][Math.floor(minute / 20)] ?? 50;
      const total = 1000 + (second % 7);
      const canary = Math.round((total * share) / 100);
      return {
        at: now,
        windowMs: 60_000,
        canary: {
          requests: canary,
          values: {
            'error-rate': 0.2 + (second % 5) / 10,
            'p99-latency': 120 + (second % 13),
            throughput: canary / 60,
          },
        },
        baseline: {
          requests: total - canary,
          values: { 'error-rate': 0.3, 'p99-latency': 110, throughput: (total - canary) / 60 },
        },
        metricErrors: {},
        notes: [],
      };
    },
  };
  const watcher = new CanaryWatcher(
    plan({
      metrics,
      minRequests: 10,
      steps: [5, 25, 50, 100].map((weight) => ({ weight, ref: { offset: 0, length: 0 } })),
    }),
    source,
    { intervalMs: 1000, clock },
  );
  const charts: ChartSeries[] = [];
  watcher.onReading((r) => appendReading(charts, toReadingView(r)));
  const verdicts: Record<string, number> = {};
  const heap: number[] = [];
  for (second = 0; second < 3600; second++) {
    const r = await watcher.poll();
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    now += 1000;
    if ((second + 1) % 600 === 0) heap.push(heapMb());
  }
  t.diagnostic(`verdicts over the hour: ${JSON.stringify(verdicts)}`);
  t.diagnostic(`heap after GC at minutes 10..60: ${heap.map((h) => h.toFixed(2)).join(', ')} MB`);
  assert.equal(watcher.history.size, watcher.history.capacity, 'the history ring is full, not larger');
  assert.equal(charts.length, metrics.length);
  for (const c of charts) {
    assert.ok(c.points.length <= HISTORY_MAX_POINTS, `${c.name}: ${c.points.length} points`);
    assert.ok(c.points[0]![0] >= now - 1000 - HISTORY_WINDOW_MS, `${c.name}: points older than the window`);
  }
  // The outages were seen as stale and the rest judged: the soak exercised both paths.
  const judged = (verdicts.healthy ?? 0) + (verdicts.breach ?? 0) + (verdicts.promoted ?? 0);
  assert.ok((verdicts.stale ?? 0) >= 300 && judged >= 3000, JSON.stringify(verdicts));
  const growth = heap.at(-1)! - heap[0]!;
  assert.ok(growth < 8, `heap grew ${growth.toFixed(2)} MB from minute 10 to minute 60`);
});
