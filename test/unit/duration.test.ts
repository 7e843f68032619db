import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, formatDuration } from '../../src/core/model/duration';

test('durations parse as users write them', () => {
  for (const [text, ms] of [
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1d', 86_400_000],
    [30, 30_000],
  ] as const) {
    const r = parseDuration(text);
    assert.deepEqual(r, { ok: true, ms }, String(text));
  }
});

test('bad durations say what to write', () => {
  const r = parseDuration('5');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /has no unit: write 5s/);
  assert.equal(parseDuration('5 minutes').ok, false);
  assert.equal(parseDuration('').ok, false);
  assert.equal(parseDuration(null).ok, false);
});

test('formatDuration round-trips', () => {
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(250), '250ms');
});
