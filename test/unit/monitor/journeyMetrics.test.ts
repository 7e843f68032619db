/** The exposition text of the monitor's metrics: names, labels, escaping, counters, bounded series. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JourneyMetrics } from '../../../src/core/monitor/journeyMetrics';
import type { JourneyResult } from '../../../src/core/journey/result';

function result(status: 'passed' | 'failed', durationMs: number, steps: Array<[string, number]>): JourneyResult {
  return {
    index: 0,
    name: 'j',
    status,
    durationMs,
    steps: steps.map(([name, ms], index) => ({ index, name, status, durationMs: ms })),
  } as unknown as JourneyResult;
}

test('a declared journey shows its run counters at 0 before the first run', () => {
  const m = new JourneyMetrics();
  m.declare({ journey: 'checkout', file: 'synthetic.yaml', location: 'eu-west' });
  const text = m.render();
  assert.match(
    text,
    /^release_safety_journey_runs_total\{journey="checkout",file="synthetic.yaml",location="eu-west",result="passed"\} 0$/m,
  );
  assert.doesNotMatch(text, /^release_safety_journey_success\{/m, 'no success value before a run');
});

test('success, duration, last run, runs by result and step durations after runs', () => {
  const m = new JourneyMetrics();
  const labels = { journey: 'checkout', file: 'synthetic.yaml', location: 'eu-west' };
  m.record(
    labels,
    result('passed', 1500, [
      ['health', 200],
      ['cart', 1300],
    ]),
    1_700_000_000_000,
  );
  m.record(labels, result('failed', 250, [['health', 250]]), 1_700_000_060_000);
  const text = m.render();
  const l = 'journey="checkout",file="synthetic.yaml",location="eu-west"';
  assert.match(text, new RegExp(`^release_safety_journey_success\\{${l}\\} 0$`, 'm'));
  assert.match(text, new RegExp(`^release_safety_journey_duration_seconds\\{${l}\\} 0.25$`, 'm'));
  assert.match(text, new RegExp(`^release_safety_journey_last_run_timestamp_seconds\\{${l}\\} 1700000060$`, 'm'));
  assert.match(text, new RegExp(`^release_safety_journey_runs_total\\{${l},result="passed"\\} 1$`, 'm'));
  assert.match(text, new RegExp(`^release_safety_journey_runs_total\\{${l},result="failed"\\} 1$`, 'm'));
  // The last run's steps only: a step that did not run this time is not reported with an old value.
  assert.match(text, new RegExp(`^release_safety_step_duration_seconds\\{${l},step="health"\\} 0.25$`, 'm'));
  assert.doesNotMatch(text, /step="cart"/);
  assert.match(text, /^# TYPE release_safety_journey_runs_total counter$/m);
});

test('label values with quotes, backslashes and new lines are escaped', () => {
  const m = new JourneyMetrics();
  m.record({ journey: 'say "hi"\\\nnow', file: 'a.yaml', location: 'x' }, result('passed', 1, []), 0);
  assert.match(m.render(), /journey="say \\"hi\\"\\\\\\nnow"/);
});

test('series stay bounded over many runs', () => {
  const m = new JourneyMetrics();
  const labels = { journey: 'j', file: 'f', location: 'l' };
  for (let i = 0; i < 5000; i++)
    m.record(
      labels,
      result(i % 3 ? 'passed' : 'failed', i, [
        ['a', 1],
        ['b', 2],
      ]),
      i * 1000,
    );
  const lines = m
    .render()
    .split('\n')
    .filter((x) => x && !x.startsWith('#'));
  assert.equal(lines.length, 3 + 3 + 2, lines.join('\n'));
});
