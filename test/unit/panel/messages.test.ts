import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from '../../../src/shared/panel/messages';
import type { PanelState, ReadingView } from '../../../src/shared/panel/panelModel';

const reading: ReadingView = {
  at: 1_700_000_000_000,
  verdict: 'healthy',
  reason: 'every gate passes',
  staircase: { steps: [1, 5, 100], current: 1, weight: 5.2, intervalMs: 60_000, timeInStepMs: 12_000 },
  gates: [{ name: 'error-rate', unit: '%', canary: 0.2, baseline: 0.3, threshold: '<= 1%', limit: 1, phase: 'pass' }],
  errors: [],
};

test('webview messages: known types with the right shape pass, others are refused with a reason', () => {
  const valid: [unknown, unknown][] = [
    [{ type: 'ready' }, { type: 'ready' }],
    [{ type: 'pause', extra: 1 }, { type: 'pause' }],
    [
      { type: 'watch', uri: 'file:///ws/canary.yaml' },
      { type: 'watch', uri: 'file:///ws/canary.yaml' },
    ],
    [
      { type: 'openConfig', uri: 'file:///a.yaml#doc=2' },
      { type: 'openConfig', uri: 'file:///a.yaml#doc=2' },
    ],
  ];
  for (const [raw, expected] of valid) assert.deepEqual(parseWebviewMessage(raw), { ok: true, message: expected });
  const invalid: [unknown, RegExp][] = [
    [null, /got null/],
    ['ready', /got string/],
    [[{ type: 'ready' }], /got an array/],
    [{ type: 'runShell', cmd: 'rm -rf /' }, /unknown message type "runShell"/],
    [{ type: 'watch' }, /needs a uri/],
    [{ type: 'watch', uri: 42 }, /needs a uri/],
    [{ type: 'openConfig', uri: 'x'.repeat(5000) }, /needs a uri/],
    [{ type: 'x'.repeat(100) }, /…"/],
    [{ type: { toString: 1 } }, /unknown message type object/],
  ];
  for (const [raw, error] of invalid) {
    const r = parseWebviewMessage(raw);
    assert.equal(r.ok, false, JSON.stringify(raw)?.slice(0, 60));
    if (!r.ok) assert.match(r.error, error);
  }
});

test('host messages: state and reading are shape-checked', () => {
  const state: PanelState = {
    trusted: true,
    configs: [{ uri: 'file:///c.yaml', label: 'c.yaml', service: null, hasSource: false }],
    watch: {
      configUri: 'file:///c.yaml',
      configLabel: 'c.yaml',
      service: 'checkout',
      paused: false,
      pollIntervalMs: 15000,
      backoffMs: null,
      reading,
      charts: [{ name: 'error-rate', unit: '%', points: [[1, 0.2, null, 1]] }],
    },
  };
  assert.equal(parseHostMessage({ type: 'state', state }).ok, true);
  assert.equal(parseHostMessage({ type: 'state', state: { ...state, watch: null } }).ok, true);
  assert.equal(parseHostMessage({ type: 'reading', reading, backoffMs: 60000 }).ok, true);
  const bad: unknown[] = [
    { type: 'state', state: { ...state, trusted: 'yes' } },
    {
      type: 'state',
      state: { ...state, watch: { ...state.watch, charts: [{ name: 'x', unit: '%', points: [[1, 2]] }] } },
    },
    { type: 'reading', reading: { ...reading, verdict: 'fine' }, backoffMs: null },
    { type: 'reading', reading: { ...reading, gates: [{ ...reading.gates[0], phase: 'ok' }] }, backoffMs: null },
    { type: 'reading', reading: { ...reading, staircase: { ...reading.staircase, current: '1' } }, backoffMs: null },
    { type: 'reading', reading, backoffMs: '5s' },
    { type: 'html', html: '<b>x</b>' },
  ];
  for (const m of bad) assert.equal(parseHostMessage(m).ok, false, JSON.stringify(m).slice(0, 80));
});
