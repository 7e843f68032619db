import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CanaryEvaluator, type EvaluationInput } from '../../../src/core/canary/evaluator';
import type { CanaryPlan } from '../../../src/core/plan/canaryPlan';
import { metric, plan, sample } from './planFixture';

const NOW = 1_700_000_000_000;
const POLL = 15_000;

function evaluator(p: CanaryPlan) {
  return new CanaryEvaluator(p, { pollIntervalMs: POLL, source: { kind: 'scrape', description: 'test' } });
}

const ok = (s: ReturnType<typeof sample>): EvaluationInput => ({ ok: true, sample: s });

type Row = {
  name: string;
  plan?: Partial<CanaryPlan>;
  canary: { requests: number | null; values: Record<string, number | null> };
  baseline: { requests: number | null; values: Record<string, number | null> };
  extra?: Parameters<typeof sample>[3];
  ageMs?: number;
  verdict: string;
  phases: Record<string, string>;
  pass?: Record<string, boolean | null>;
  limit?: Record<string, number | null>;
};

const healthyBaseline = { requests: 1900, values: { 'error-rate': 0.5, 'p99-latency': 200 } };

const TABLE: Row[] = [
  {
    name: 'all gates pass',
    canary: { requests: 500, values: { 'error-rate': 0.4, 'p99-latency': 210 } },
    baseline: healthyBaseline,
    verdict: 'healthy',
    phases: { 'error-rate': 'pass', 'p99-latency': 'pass' },
    limit: { 'error-rate': 1, 'p99-latency': 220.00000000000003 },
  },
  {
    name: 'absolute gate breached',
    canary: { requests: 500, values: { 'error-rate': 8, 'p99-latency': 210 } },
    baseline: healthyBaseline,
    verdict: 'breach',
    phases: { 'error-rate': 'fail', 'p99-latency': 'pass' },
    pass: { 'error-rate': false, 'p99-latency': true },
  },
  {
    name: 'baseline-relative gate breached',
    canary: { requests: 500, values: { 'error-rate': 0.1, 'p99-latency': 400 } },
    baseline: healthyBaseline,
    verdict: 'breach',
    phases: { 'error-rate': 'pass', 'p99-latency': 'fail' },
  },
  {
    name: 'NaN / no data for the canary (null) is inconclusive',
    canary: { requests: 500, values: { 'error-rate': null, 'p99-latency': 210 } },
    baseline: healthyBaseline,
    verdict: 'inconclusive',
    phases: { 'error-rate': 'inconclusive', 'p99-latency': 'pass' },
    pass: { 'error-rate': null },
  },
  {
    name: 'empty: no requests anywhere',
    canary: { requests: 0, values: { 'error-rate': null, 'p99-latency': null } },
    baseline: { requests: 0, values: { 'error-rate': null, 'p99-latency': null } },
    verdict: 'inconclusive',
    phases: { 'error-rate': 'inconclusive', 'p99-latency': 'inconclusive' },
  },
  {
    name: 'zero baseline: a relative gate against 0 is judged against 0',
    plan: { metrics: [metric('error-rate', '<= baseline + 1%')] },
    canary: { requests: 500, values: { 'error-rate': 2 } },
    baseline: { requests: 1000, values: { 'error-rate': 0 } },
    verdict: 'breach',
    phases: { 'error-rate': 'fail' },
    limit: { 'error-rate': 1 },
  },
  {
    name: 'zero baseline with a factor: 0 * 1.1 = 0, a canary at 0 passes',
    plan: { metrics: [metric('error-rate', '<= baseline * 1.1')] },
    canary: { requests: 500, values: { 'error-rate': 0 } },
    baseline: { requests: 1000, values: { 'error-rate': 0 } },
    verdict: 'healthy',
    phases: { 'error-rate': 'pass' },
  },
  {
    name: 'baseline without data: relative gate cannot be judged',
    canary: { requests: 500, values: { 'error-rate': 0.1, 'p99-latency': 210 } },
    baseline: { requests: 1900, values: { 'error-rate': 0.5, 'p99-latency': null } },
    verdict: 'inconclusive',
    phases: { 'error-rate': 'pass', 'p99-latency': 'inconclusive' },
    limit: { 'p99-latency': null },
  },
  {
    name: 'too few requests: inconclusive even when a gate would fail',
    canary: { requests: 40, values: { 'error-rate': 50, 'p99-latency': 210 } },
    baseline: healthyBaseline,
    verdict: 'inconclusive',
    phases: { 'error-rate': 'inconclusive', 'p99-latency': 'inconclusive' },
    pass: { 'error-rate': null, 'p99-latency': null },
  },
  {
    name: 'too few requests: never healthy',
    canary: { requests: 99, values: { 'error-rate': 0, 'p99-latency': 100 } },
    baseline: healthyBaseline,
    verdict: 'inconclusive',
    phases: { 'error-rate': 'inconclusive', 'p99-latency': 'inconclusive' },
  },
  {
    name: 'source error for one metric',
    canary: { requests: 500, values: { 'error-rate': 0.1, 'p99-latency': null } },
    baseline: healthyBaseline,
    extra: { metricErrors: { 'p99-latency': 'Prometheus refused the query: parse error.' } },
    verdict: 'inconclusive',
    phases: { 'error-rate': 'pass', 'p99-latency': 'error' },
  },
  {
    name: 'a breach wins over an error elsewhere (the worst wins)',
    canary: { requests: 500, values: { 'error-rate': 9, 'p99-latency': null } },
    baseline: healthyBaseline,
    extra: { metricErrors: { 'p99-latency': 'query failed' } },
    verdict: 'breach',
    phases: { 'error-rate': 'fail', 'p99-latency': 'error' },
  },
  {
    name: 'data older than two polls is stale',
    canary: { requests: 500, values: { 'error-rate': 0.1, 'p99-latency': 100 } },
    baseline: healthyBaseline,
    ageMs: 2 * POLL + 1,
    verdict: 'stale',
    phases: { 'error-rate': 'inconclusive', 'p99-latency': 'inconclusive' },
    pass: { 'error-rate': null },
  },
  {
    name: 'data exactly two polls old is still fresh',
    canary: { requests: 500, values: { 'error-rate': 0.1, 'p99-latency': 100 } },
    baseline: healthyBaseline,
    ageMs: 2 * POLL,
    verdict: 'healthy',
    phases: { 'error-rate': 'pass', 'p99-latency': 'pass' },
  },
  {
    name: 'at 100% and healthy: promoted',
    canary: { requests: 1950, values: { 'error-rate': 0.1, 'p99-latency': 100 } },
    baseline: { requests: 50, values: { 'error-rate': 0.5, 'p99-latency': 200 } },
    verdict: 'promoted',
    phases: { 'error-rate': 'pass', 'p99-latency': 'pass' },
  },
  {
    name: 'at 100% but breaching: breach, not promoted',
    canary: { requests: 1950, values: { 'error-rate': 5, 'p99-latency': 100 } },
    baseline: { requests: 50, values: { 'error-rate': 0.5, 'p99-latency': 200 } },
    verdict: 'breach',
    phases: { 'error-rate': 'fail', 'p99-latency': 'pass' },
  },
  {
    name: 'a threshold that does not parse is an error, never a pass',
    plan: { metrics: [metric('error-rate', 'less than 1%')] },
    canary: { requests: 500, values: { 'error-rate': 0.1 } },
    baseline: healthyBaseline,
    verdict: 'inconclusive',
    phases: { 'error-rate': 'error' },
  },
  {
    name: 'warming up (first scrape) is inconclusive',
    canary: { requests: null, values: { 'error-rate': null, 'p99-latency': null } },
    baseline: { requests: null, values: { 'error-rate': null, 'p99-latency': null } },
    extra: { warmingUp: true, windowMs: 0 },
    verdict: 'inconclusive',
    phases: { 'error-rate': 'inconclusive', 'p99-latency': 'inconclusive' },
  },
  {
    name: 'no metrics at all is inconclusive',
    plan: { metrics: [] },
    canary: { requests: 500, values: {} },
    baseline: healthyBaseline,
    verdict: 'inconclusive',
    phases: {},
  },
];

for (const row of TABLE) {
  test(`evaluator: ${row.name}`, () => {
    const e = evaluator(plan(row.plan));
    const r = e.evaluate(ok(sample(NOW - (row.ageMs ?? 1000), row.canary, row.baseline, row.extra)), NOW);
    assert.equal(r.verdict, row.verdict, r.reason);
    assert.deepEqual(Object.fromEntries(r.metrics.map((m) => [m.name, m.phase])), row.phases);
    for (const [name, pass] of Object.entries(row.pass ?? {}))
      assert.equal(r.metrics.find((m) => m.name === name)?.pass, pass, name);
    for (const [name, limit] of Object.entries(row.limit ?? {}))
      assert.equal(r.metrics.find((m) => m.name === name)?.limit, limit, name);
    assert.ok(r.reason.length > 0, 'a reading always says why');
    if (r.verdict !== 'healthy' && r.verdict !== 'promoted')
      assert.ok(r.metrics.every((m) => m.phase !== 'pass') || r.reason.length > 0);
  });
}

test('stale: two polls of the slower of our poll and the source cadence (a quarter of the rate window)', () => {
  const e = evaluator(plan({ metrics: [metric('error-rate', '<= 1%')] }));
  const side = { requests: 500, values: { 'error-rate': 0.1 } };
  // Prometheus with a 2m rate window (scrapes every 30s): data 45s old is normal, 61s is stale.
  const fresh = e.evaluate(ok(sample(NOW - 45_000, side, side, { windowMs: 120_000 })), NOW);
  assert.equal(fresh.verdict, 'healthy', fresh.reason);
  const stale = e.evaluate(ok(sample(NOW - 61_000, side, side, { windowMs: 120_000 })), NOW);
  assert.equal(stale.verdict, 'stale');
  assert.match(stale.reason, /older than two polls \(1m\)/);
});

test('failure_limit: breaching checks in a row are tolerated up to the limit, a pass resets the count', () => {
  const e = evaluator(plan({ failureLimit: 2, metrics: [metric('error-rate', '<= 1%')] }));
  const read = (errorRate: number, i: number) =>
    e.evaluate(
      ok(
        sample(
          NOW + i * POLL,
          { requests: 500, values: { 'error-rate': errorRate } },
          { requests: 1500, values: { 'error-rate': 0.2 } },
        ),
      ),
      NOW + i * POLL + 10,
    );
  const verdicts = [5, 5, 0.1, 5, 5, 5, 5].map((v, i) => read(v, i));
  assert.deepEqual(
    verdicts.map((r) => r.verdict),
    ['inconclusive', 'inconclusive', 'healthy', 'inconclusive', 'inconclusive', 'breach', 'breach'],
  );
  assert.deepEqual(
    verdicts.map((r) => r.metrics[0].consecutiveFailures),
    [1, 2, 0, 1, 2, 3, 4],
  );
  assert.match(verdicts[0].reason, /tolerated by failure_limit/);
});

test('failure_limit 0 (the default): the first breach is a breach', () => {
  const e = evaluator(plan({ failureLimit: undefined, metrics: [metric('error-rate', '<= 1%')] }));
  const r = e.evaluate(
    ok(sample(NOW, { requests: 500, values: { 'error-rate': 3 } }, { requests: 1500, values: { 'error-rate': 0.2 } })),
    NOW,
  );
  assert.equal(r.verdict, 'breach');
  assert.match(r.reason, /error rate is 3%, outside <= 1%/);
});

test('a failed source is stale and shows the last values without judging them', () => {
  const e = evaluator(plan());
  e.evaluate(
    ok(sample(NOW, { requests: 500, values: { 'error-rate': 0.2, 'p99-latency': 100 } }, healthyBaseline)),
    NOW,
  );
  const r = e.evaluate(
    {
      ok: false,
      error: 'Could not connect to http://127.0.0.1:1/metrics (connection refused); is the service running?',
    },
    NOW + POLL,
  );
  assert.equal(r.verdict, 'stale');
  assert.match(r.reason, /connection refused/);
  assert.equal(r.source.error?.includes('connection refused'), true);
  assert.deepEqual(
    r.metrics.map((m) => [m.phase, m.pass, m.canary]),
    [
      ['error', null, 0.2],
      ['error', null, 100],
    ],
  );
});

test('weight: the canary share snapped to the nearest step, with time in step', () => {
  const e = evaluator(plan({ metrics: [metric('error-rate', '<= 1%')] }));
  const at = (i: number, canary: number, baseline: number) =>
    e.evaluate(
      ok(
        sample(
          NOW + i * POLL,
          { requests: canary, values: { 'error-rate': 0 } },
          { requests: baseline, values: { 'error-rate': 0 } },
        ),
      ),
      NOW + i * POLL,
    );
  const a = at(0, 230, 770); // 23% -> 25
  assert.deepEqual([a.weight, a.step, a.timeInStepMs], [25, 3, 0]);
  assert.ok(Math.abs(a.share! - 23) < 1e-9);
  const b = at(1, 270, 730); // 27% -> still 25, 15 s in
  assert.deepEqual([b.weight, b.step, b.timeInStepMs], [25, 3, POLL]);
  const c = at(2, 480, 520); // 48% -> 50, new step
  assert.deepEqual([c.weight, c.step, c.timeInStepMs], [50, 4, 0]);
  const d = at(3, 150, 850); // 15%: equally far from 5 and 25 -> the lower, cautious step
  assert.deepEqual([d.weight, d.step], [5, 2]);
});

test('the reading is plain JSON: markup in names and messages survives as text', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const e = evaluator(
    plan({
      service: `<script>alert("svc")</script>`,
      metrics: [metric(evil, '<= 5', { unit: 'count', query: 'x{{selector}}' })],
    }),
  );
  const r = e.evaluate(
    ok(
      sample(
        NOW,
        { requests: 500, values: { [evil]: 1 } },
        { requests: 500, values: { [evil]: 1 } },
        { metricErrors: {} },
      ),
    ),
    NOW,
  );
  const back = JSON.parse(JSON.stringify(r));
  assert.deepEqual(back, r);
  assert.equal(back.service, '<script>alert("svc")</script>');
  assert.equal(back.metrics[0].name, evil);
  const failed = e.evaluate({ ok: false, error: `Prometheus refused the query: ${evil}` }, NOW + 1);
  assert.equal(JSON.parse(JSON.stringify(failed)).source.error, `Prometheus refused the query: ${evil}`);
});
