import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseThreshold, fitThresholdToUnit, checkThreshold, describeThreshold } from '../../src/core/model/threshold';

const ok = [
  ['<= 1%', { op: '<=', kind: 'absolute', value: 1, unit: '%' }],
  ['< 500ms', { op: '<', kind: 'absolute', value: 500, unit: 'ms' }],
  ['>= 99.5', { op: '>=', kind: 'absolute', value: 99.5 }],
  ['<= baseline', { op: '<=', kind: 'baseline' }],
  ['<= baseline * 1.1', { op: '<=', kind: 'baseline-factor', factor: 1.1 }],
  ['<= baseline + 50ms', { op: '<=', kind: 'baseline-offset', value: 50, unit: 'ms' }],
  ['> 10 req/s', { op: '>', kind: 'absolute', value: 10, unit: 'req/s' }],
] as const;

for (const [text, expected] of ok) {
  test(`threshold parses: ${text}`, () => {
    const r = parseThreshold(text);
    assert.ok(r.ok, JSON.stringify(r));
    const { text: _t, ...rest } = r.threshold as { text: string };
    assert.deepEqual(rest, expected);
  });
}

const bad: Array<[unknown, RegExp, number]> = [
  ['1%', /starts with <, <=, > or >=/, 0],
  ['== 1%', /"=" is not allowed/, 0],
  ['<= 1 parsecs', /unknown unit "parsecs"/, 5],
  ['<= baseline * 2ms', /a factor has no unit/, 15],
  ['<= baseline -', /"\* FACTOR" or "\+ VALUE"/, 12],
  ['<=', /expected a number or "baseline"/, 2],
  [5, /has no comparison/, 0],
];
for (const [text, msg, column] of bad) {
  test(`threshold rejects: ${String(text)}`, () => {
    const r = parseThreshold(text);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.error, msg);
      assert.equal(r.column, column);
    }
  });
}

test('a unit that does not fit the metric is an error; seconds convert to ms', () => {
  const pct = parseThreshold('<= 1%');
  assert.ok(pct.ok);
  assert.equal(fitThresholdToUnit(pct.threshold, 'ms').ok, false);
  const secs = parseThreshold('< 0.5s');
  assert.ok(secs.ok);
  const fitted = fitThresholdToUnit(secs.threshold, 'ms');
  assert.ok(fitted.ok && fitted.threshold.kind === 'absolute' && fitted.threshold.value === 500);
});

test('checkThreshold resolves baselines and refuses to judge without data', () => {
  const t = parseThreshold('<= baseline * 1.1');
  assert.ok(t.ok);
  assert.equal(checkThreshold(t.threshold, 105, 100), true);
  assert.equal(checkThreshold(t.threshold, 120, 100), false);
  assert.equal(checkThreshold(t.threshold, 120, null), null);
  assert.equal(checkThreshold(t.threshold, NaN, 100), null);
  assert.equal(
    describeThreshold(t.threshold, 'p99 latency', 'ms'),
    "the canary's p99 latency must stay within 110% of the baseline's",
  );
});
