import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dataTimeQuery,
  gateQuery,
  normaliseSelector,
  promDuration,
  requestsQuery,
  withMatcher,
} from '../../../src/core/canary/promql';
import { DEFAULT_METRIC_NAMES } from '../../../src/core/canary/source';
import { parseScrapeQuery } from '../../../src/core/canary/scrapeQuery';

const SEL = '{job="checkout",track="canary"}';

test('selectors: braces added when missing, matchers appended inside', () => {
  assert.equal(normaliseSelector('job="x"'), '{job="x"}');
  assert.equal(normaliseSelector('  '), '{}');
  assert.equal(withMatcher(SEL, 'code=~"5.*"'), '{job="checkout",track="canary",code=~"5.*"}');
  assert.equal(withMatcher('{}', 'code=~"5.*"'), '{code=~"5.*"}');
  assert.equal(withMatcher('{a="b",}', 'c="d"'), '{a="b",c="d"}');
});

test('well-known gates become the PromQL a Prometheus user would write', () => {
  const n = DEFAULT_METRIC_NAMES;
  assert.equal(
    gateQuery({ kind: 'error-rate' }, SEL, n, 60_000),
    '100 * (sum(rate(http_requests_total{job="checkout",track="canary",code=~"5.*"}[60s])) or vector(0)) / sum(rate(http_requests_total{job="checkout",track="canary"}[60s]))',
  );
  assert.equal(
    gateQuery({ kind: 'latency', quantile: 0.99 }, SEL, n, 30_000),
    '1000 * histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout",track="canary"}[30s])))',
  );
  assert.equal(
    gateQuery({ kind: 'throughput' }, SEL, n, 90_000),
    'sum(rate(http_requests_total{job="checkout",track="canary"}[90s]))',
  );
  assert.match(gateQuery({ kind: 'success-rate' }, SEL, n, 60_000)!, /code!~"5\.\*"/);
  assert.equal(gateQuery({ kind: 'unknown' }, SEL, n, 60_000), undefined);
});

test('names and the status label come from the source settings', () => {
  const names = { requestsMetric: 'rpc_calls_total', latencyMetric: 'rpc_latency_seconds', statusLabel: 'status' };
  assert.match(
    gateQuery({ kind: 'error-rate' }, SEL, names, 60_000)!,
    /rpc_calls_total\{job="checkout",track="canary",status=~"5\.\*"\}/,
  );
  assert.match(gateQuery({ kind: 'latency', quantile: 0.5 }, SEL, names, 60_000)!, /rpc_latency_seconds_bucket/);
  assert.equal(
    requestsQuery(SEL, names, 120_000),
    'sum(increase(rpc_calls_total{job="checkout",track="canary"}[120s]))',
  );
  assert.equal(
    dataTimeQuery(SEL, names),
    'max(max_over_time(timestamp(rpc_calls_total{job="checkout",track="canary"})[10m:]))',
  );
});

test('a custom query gets {{selector}} and {{interval}} filled in, every time they appear', () => {
  const q = gateQuery(
    {
      kind: 'custom',
      query: 'sum(rate(jobs_failed_total{{selector}}[{{interval}}])) / sum(rate(jobs_total{{selector}}[{{interval}}]))',
    },
    SEL,
    DEFAULT_METRIC_NAMES,
    120_000,
  );
  assert.equal(q, `sum(rate(jobs_failed_total${SEL}[120s])) / sum(rate(jobs_total${SEL}[120s]))`);
});

test('durations for PromQL are whole seconds, at least one', () => {
  assert.equal(promDuration(1500), '2s');
  assert.equal(promDuration(10), '1s');
  assert.equal(promDuration(300_000), '300s');
});

test('the scrape source understands a few custom query shapes and refuses the rest', () => {
  assert.deepEqual(parseScrapeQuery('worker_queue_depth{{selector}}'), { fn: 'value', metric: 'worker_queue_depth' });
  assert.deepEqual(parseScrapeQuery('sum( worker_queue_depth{{selector}} )'), {
    fn: 'value',
    metric: 'worker_queue_depth',
  });
  assert.deepEqual(parseScrapeQuery('rate(jobs_total{{selector}}[{{interval}}])'), {
    fn: 'rate',
    metric: 'jobs_total',
  });
  assert.deepEqual(parseScrapeQuery('sum(increase(jobs_total{{selector}}[{{interval}}]))'), {
    fn: 'increase',
    metric: 'jobs_total',
  });
  assert.equal(parseScrapeQuery('sum(rate(jobs_total{{selector}}[{{interval}}])'), undefined);
  assert.equal(parseScrapeQuery('a{{selector}} / b{{selector}}'), undefined);
  assert.equal(parseScrapeQuery('jobs_total{queue="x"}'), undefined);
});
