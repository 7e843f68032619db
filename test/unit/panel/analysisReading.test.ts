import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisReading } from '../../../src/extension/panel/analysisWatcher';
import type { AnalysisJob, MetricJob } from '../../../src/core/analysis/job';
import type { AnalysisOutcome, MetricOutcome } from '../../../src/core/analysis/runAnalysis';

const at = { path: 'c.yaml', offset: 0, length: 0 };
const flagger = (name: string, max: number): MetricJob => ({
  name,
  query: 'q',
  address: 'http://p:9090',
  judge: { kind: 'flagger', max, interval: '1m' },
  at,
});
const outcome = (
  job: MetricJob,
  phase: MetricOutcome['phase'],
  value: number | null,
  extra: Partial<MetricOutcome> = {},
): MetricOutcome => ({
  job,
  name: job.name,
  query: 'q',
  value,
  values: value === null ? [] : [value],
  phase,
  condition: `value <= ${job.judge.kind === 'flagger' ? job.judge.max : ''}`,
  message: '',
  ...extra,
});
const run = (metrics: MetricOutcome[], verdict: AnalysisOutcome['verdict']): AnalysisOutcome[] => [
  {
    job: { path: 'c.yaml', kind: 'Canary', name: 'podinfo', metrics: metrics.map((m) => m.job) } as AnalysisJob,
    verdict,
    metrics,
  },
];
const options = { intervalMs: 2000, service: 'podinfo', steps: [10, 20] };

test("analysis outcomes read as the panel's live reading: value, condition, phase per metric", () => {
  const healthy = analysisReading(
    run([outcome(flagger('error-rate', 2), 'Successful', 0.4)], 'Successful'),
    options,
    1000,
  );
  assert.equal(healthy.verdict, 'healthy');
  assert.deepEqual(healthy.metrics[0], {
    name: 'error-rate',
    unit: null,
    canary: 0.4,
    baseline: null,
    threshold: 'value <= 2',
    limit: 2,
    phase: 'pass',
    pass: true,
    consecutiveFailures: 0,
    message: null,
    valueOnly: true,
  });

  const failing = analysisReading(
    run([outcome(flagger('error-rate', 2), 'Failed', 5.6, { message: '5.6 is above the maximum 2.' })], 'Failed'),
    options,
    1000,
  );
  assert.equal(failing.verdict, 'breach');
  assert.equal(failing.reason, 'error-rate: 5.6 is above the maximum 2.');

  const empty = analysisReading(
    run([outcome(flagger('error-rate', 2), 'Inconclusive', null, { message: 'no data' })], 'Inconclusive'),
    options,
    1000,
  );
  assert.equal(empty.verdict, 'inconclusive', 'no data is never healthy');

  const gone = analysisReading(
    run(
      [
        outcome(flagger('error-rate', 2), 'Error', null, {
          unreachable: true,
          message: 'Prometheus did not answer: refused',
        }),
      ],
      'Error',
    ),
    options,
    1000,
  );
  assert.equal(gone.verdict, 'stale');
  assert.equal(gone.source.error, 'Prometheus did not answer: refused');
});
