import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryPlan, PlanMetric } from '../../../src/core/plan/canaryPlan';
import { parseThreshold } from '../../../src/core/model/threshold';
import { spanWords } from '../../../src/core/describe/spanWords';
import { describeAlert, parseChannel, listWords } from '../../../src/core/describe/alertWords';
import { stepsTimeline, rollbackWorstCase } from '../../../src/core/describe/timeline';
import { describeGate, describeMetric } from '../../../src/core/describe/thresholdWords';

const at = { offset: 0, length: 0 };
const MIN = 60_000;

/** A plan as buildCanaryPlan would make it from the spec's example; `over` changes parts. */
function plan(over: Partial<CanaryPlan> = {}): CanaryPlan {
  return {
    format: 'native',
    docIndex: 0,
    anchor: at,
    steps: [1, 5, 25, 50, 100].map((weight) => ({ weight, ref: at })),
    interval: { text: '5m', ms: 5 * MIN, ref: at },
    metrics: [],
    rollback: { automated: true, value: 'rollback' },
    alerts: [],
    pauses: [],
    ...over,
  };
}

function metric(name: string, threshold: string, unit?: PlanMetric['unit']): PlanMetric {
  const r = parseThreshold(threshold);
  return {
    name,
    ref: at,
    unit,
    builtin: true,
    watchesErrors: false,
    threshold: { text: threshold, ref: at, ...(r.ok ? { parsed: r.threshold } : { error: r.error }) },
  };
}

test('spanWords: minutes, hours, seconds, and nothing silly', () => {
  assert.equal(spanWords(25 * MIN), '25 min');
  assert.equal(spanWords(90 * MIN), '1 h 30 min');
  assert.equal(spanWords(45_000), '45 s');
  assert.equal(spanWords(150_000), '2 min 30 s');
  assert.equal(spanWords(2 * 3_600_000 + 5000), '2 h'); // seconds dropped next to hours
  assert.equal(spanWords(0), '0 s');
  assert.equal(spanWords(250), '250 ms');
  assert.equal(spanWords(Number.NaN), 'an unknown time');
});

test('timeline of the spec example: steps x interval to full', () => {
  const t = stepsTimeline(plan());
  assert.equal(t.text, '1% > 5% > 25% > 50% > 100% · 25 min to full');
  assert.equal(t.toFullMs, 25 * MIN);
  assert.match(t.how, /5 steps x 5 min interval/);
});

test('timeline: a native canary that stops below 100% never completes', () => {
  const t = stepsTimeline(plan({ steps: [10, 50].map((weight) => ({ weight, ref: at })) }));
  assert.equal(t.toFullMs, null);
  assert.equal(t.text, '10% > 50% · stops at 50%: never reaches full');
});

test('timeline: unknown interval and unreadable steps say so', () => {
  assert.equal(
    stepsTimeline(plan({ interval: { text: '5', ms: null, ref: at } })).text,
    '1% > 5% > 25% > 50% > 100% · time to full unknown',
  );
  const t = stepsTimeline(
    plan({
      steps: [
        { weight: 1, ref: at },
        { weight: null, ref: at },
      ],
    }),
  );
  assert.equal(t.text, '1% > ? · steps unreadable');
  assert.equal(stepsTimeline(plan({ steps: [] })).text, 'no steps · no steps');
});

test('timeline: Argo sums its pauses; an endless pause waits for a human', () => {
  const steps = [20, 40, 100].map((weight) => ({ weight, ref: at }));
  const argo = plan({
    format: 'argo',
    steps,
    interval: undefined,
    pauses: [
      { durationMs: 10 * MIN, ref: at },
      { durationMs: 30_000, ref: at },
    ],
  });
  const t = stepsTimeline(argo);
  assert.equal(t.toFullMs, 10 * MIN + 30_000);
  assert.equal(t.text, '20% > 40% > 100% · 10 min 30 s to full');
  const endless = stepsTimeline({ ...argo, pauses: [{ durationMs: null, ref: at }] });
  assert.equal(endless.toFullMs, null);
  assert.match(endless.text, /waits for a human/);
});

test('worst-case rollback: interval x (failure_limit + 1)', () => {
  assert.equal(rollbackWorstCase(plan()).ms, 5 * MIN);
  const r = rollbackWorstCase(plan({ failureLimit: 2 }));
  assert.equal(r.ms, 15 * MIN);
  assert.equal(r.words, 'rolls back within 15 min');
  assert.equal(r.how, '3 breaching checks x 5 min interval; failure_limit 2 tolerates 2 breaches');
});

test('worst-case rollback: nothing automated, or no interval', () => {
  const paused = rollbackWorstCase(plan({ rollback: { automated: false, value: 'pause' } }));
  assert.equal(paused.ms, null);
  assert.equal(paused.words, 'never rolls back by itself (on_failure: pause)');
  assert.equal(rollbackWorstCase(plan({ interval: undefined })).ms, null);
});

test('threshold gates in words', () => {
  assert.equal(
    describeGate(metric('p99-latency', '<= baseline * 1.1', 'ms')),
    "the canary's p99 latency must stay within 110% of the baseline's",
  );
  assert.equal(describeGate(metric('error-rate', '<= 1%', '%')), "the canary's error rate must stay at or below 1%");
  assert.equal(
    describeGate(metric('success-rate', '>= 99.5%', '%')),
    "the canary's success rate must stay at or above 99.5%",
  );
  assert.match(
    describeGate(metric('error-rate', '1%', '%')),
    /^"1%" does not work as a threshold: a threshold starts with/,
  );
  const none: PlanMetric = { name: 'throughput', ref: at, builtin: true, watchesErrors: false };
  assert.match(describeGate(none), /no threshold/);
});

test('metric descriptions: well-known, custom query, unknown', () => {
  assert.equal(
    describeMetric({ name: 'p99-latency', unit: 'ms' }),
    'p99 latency: 99th percentile request latency, in ms',
  );
  assert.equal(
    describeMetric({ name: 'queue-depth', unit: 'count', query: 'depth{{selector}}' }),
    'queue depth: custom query `depth{{selector}}`, in plain counts',
  );
  assert.match(describeMetric({ name: 'mystery' }), /not a well-known metric and no query/);
});

test('alert channels in words', () => {
  assert.equal(
    describeAlert({ channel: 'slack:#checkout-deploys', on: ['breach', 'rollback'] }),
    'Slack channel #checkout-deploys hears about breach and rollback',
  );
  assert.equal(
    describeAlert({ channel: 'pagerduty:web-oncall' }),
    'PagerDuty service web-oncall hears about every event',
  );
  assert.match(describeAlert({ channel: 'carrier-pigeon:roof' }), /"carrier-pigeon" is not a channel kind/);
  assert.deepEqual(parseChannel('email: oncall@example.com'), {
    ok: true,
    kind: 'email',
    target: 'oncall@example.com',
  });
  const empty = parseChannel('slack:');
  assert.ok(!empty.ok && /needs a channel after the colon, e.g. slack:#deploys/.test(empty.error));
  assert.equal(listWords(['a', 'b', 'c']), 'a, b and c');
});
