import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposition, parseFloatToken } from '../../../src/core/canary/exposition';

const SAMPLE = [
  '# HELP http_requests_total Requests served, by code.\\nSecond line with a \\\\ backslash.',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="GET",code="200"} 1027 1395066363000',
  'http_requests_total{method="POST",code="500"}   3',
  '# a plain comment',
  '',
  '# TYPE http_request_duration_seconds histogram',
  'http_request_duration_seconds_bucket{le="0.05"} 24054',
  'http_request_duration_seconds_bucket{le="+Inf"} 144320',
  'http_request_duration_seconds_sum 53423',
  'http_request_duration_seconds_count 144320',
  'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
  'metric_without_timestamp_and_labels 12.47',
  'something_weird{problem="division by zero"} +Inf -3982045',
  'minus_inf -Inf',
  'not_a_number NaN',
  'trailing_comma{a="1",} 2',
].join('\n');

test('reads HELP, TYPE, labels, values and timestamps of the reference example', () => {
  const e = parseExposition(SAMPLE);
  assert.equal(e.skippedLines, 0);
  assert.equal(e.types.get('http_requests_total'), 'counter');
  assert.equal(e.types.get('http_request_duration_seconds'), 'histogram');
  assert.equal(e.help.get('http_requests_total'), 'Requests served, by code.\nSecond line with a \\ backslash.');
  assert.equal(e.samples.length, 12);
  const [first, second] = e.samples;
  assert.deepEqual({ ...first.labels }, { method: 'GET', code: '200' });
  assert.equal(first.value, 1027);
  assert.equal(first.timestampMs, 1395066363000);
  assert.equal(second.value, 3);
  assert.equal(second.timestampMs, undefined);
  const msdos = e.samples.find((s) => s.name === 'msdos_file_access_time_seconds')!;
  assert.equal(msdos.labels.path, 'C:\\DIR\\FILE.TXT');
  assert.equal(msdos.labels.error, 'Cannot find file:\n"FILE.TXT"');
  assert.equal(msdos.value, 1.458255915e9);
  const weird = e.samples.find((s) => s.name === 'something_weird')!;
  assert.equal(weird.value, Infinity);
  assert.equal(weird.timestampMs, -3982045);
  assert.equal(e.samples.find((s) => s.name === 'minus_inf')!.value, -Infinity);
  assert.ok(Number.isNaN(e.samples.find((s) => s.name === 'not_a_number')!.value));
  assert.deepEqual({ ...e.samples.find((s) => s.name === 'trailing_comma')!.labels }, { a: '1' });
});

test('skips and counts garbage lines, keeps the good ones, remembers the first problem', () => {
  const text = [
    'good 1',
    '{no_name="x"} 1',
    'bad_value{a="b"} twelve',
    'unclosed{a="b" 1',
    'unquoted{a=b} 1',
    'extra 1 2 3',
    '# TYPE x nonsense',
    'good2{a="}"} 2',
    '\u0000\u0001binary',
  ].join('\r\n');
  const e = parseExposition(text);
  assert.deepEqual(
    e.samples.map((s) => s.name),
    ['good', 'good2'],
  );
  assert.equal(e.samples[1].labels.a, '}');
  assert.equal(e.skippedLines, 7);
  assert.equal(e.firstProblem?.line, 2);
});

test('a label value carrying markup stays the exact text', () => {
  const e = parseExposition('m{path="<img src=x onerror=alert(1)>",q="\\"<b>\\""} 1');
  assert.equal(e.samples[0].labels.path, '<img src=x onerror=alert(1)>');
  assert.equal(e.samples[0].labels.q, '"<b>"');
});

test('memory is bounded: maxSeries truncates, keep filters', () => {
  const lines = Array.from({ length: 1000 }, (_, i) => `s_${i % 2 ? 'odd' : 'even'}{i="${i}"} ${i}`).join('\n');
  const capped = parseExposition(lines, { maxSeries: 10 });
  assert.equal(capped.samples.length, 10);
  assert.equal(capped.truncated, true);
  const kept = parseExposition(lines, { keep: (n) => n === 's_odd' });
  assert.equal(kept.samples.length, 500);
  assert.equal(kept.truncated, false);
  assert.ok(kept.samples.every((s) => s.name === 's_odd'));
});

test('labels named like Object.prototype keys are plain data', () => {
  const e = parseExposition('m{__proto__="x",constructor="y"} 1');
  assert.equal(e.samples[0].labels['__proto__'], 'x');
  assert.equal(e.samples[0].labels['constructor'], 'y');
  assert.equal(Object.getPrototypeOf(e.samples[0].labels), null);
});

test('float tokens as Go writes them', () => {
  assert.equal(parseFloatToken('1e3'), 1000);
  assert.equal(parseFloatToken('-0.5'), -0.5);
  assert.equal(parseFloatToken('.5'), 0.5);
  assert.equal(parseFloatToken('+Inf'), Infinity);
  assert.equal(parseFloatToken('-Inf'), -Infinity);
  assert.ok(Number.isNaN(parseFloatToken('NaN')));
  assert.equal(parseFloatToken('0x10'), undefined);
  assert.equal(parseFloatToken(''), undefined);
  assert.equal(parseFloatToken('1,5'), undefined);
});

test('empty and comment-only bodies give nothing and no problems', () => {
  for (const t of ['', '\n\n', '# just a comment\n']) {
    const e = parseExposition(t);
    assert.equal(e.samples.length, 0);
    assert.equal(e.skippedLines, 0);
  }
});
