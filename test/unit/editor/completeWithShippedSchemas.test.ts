/** Completion on the JSON Schemas the extension ships (src/core/schema), as the editor runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt } from '../../../src/core/completion/completeAt';
import { nativeSchemas } from '../../../src/core/completion/nativeSchemas';

function labels(marked: string): string[] {
  const offset = marked.indexOf('|');
  return completeAt(marked.slice(0, offset) + marked.slice(offset + 1), offset, nativeSchemas()).map((i) => i.label);
}

test('shipped schemas: every key of spec §2.1 under canary', () => {
  const l = labels('canary:\n  |\n');
  for (const k of ['service', 'steps', 'interval', 'metrics', 'on_failure', 'failure_limit', 'min_requests', 'alerts', 'source']) assert.ok(l.includes(k), `${k} in ${JSON.stringify(l)}`);
});

test('shipped schemas: on_failure values, alert events, metric keys', () => {
  assert.deepEqual(labels('canary:\n  on_failure: |\n').sort(), ['alert', 'pause', 'rollback']);
  const events = labels('canary:\n  alerts:\n    - channel: slack:#x\n      on: [|\n');
  assert.ok(events.includes('breach') && events.includes('rollback'), JSON.stringify(events));
  const metricKeys = labels('canary:\n  metrics:\n    - name: queue\n      |\n');
  for (const k of ['threshold', 'query', 'unit']) assert.ok(metricKeys.includes(k), `${k} in ${JSON.stringify(metricKeys)}`);
  assert.ok(!metricKeys.includes('name'), 'name is written already');
});

test('shipped schemas: synthetic keys, journey keys and step kinds', () => {
  const top = labels('synthetic:\n  |\n');
  for (const k of ['base_url', 'frequency', 'locations', 'alerts', 'journeys']) assert.ok(top.includes(k), `${k} in ${JSON.stringify(top)}`);
  const journey = labels('synthetic:\n  journeys:\n    - name: j\n      |\n');
  for (const k of ['steps', 'base_url', 'frequency', 'locations', 'alerts']) assert.ok(journey.includes(k), `${k} in ${JSON.stringify(journey)}`);
  const step = labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - |\n');
  for (const k of ['request', 'goto', 'click', 'fill', 'press', 'select', 'wait_for', 'expect_visible', 'expect_text', 'expect_url', 'expect_load_time', 'screenshot']) assert.ok(step.includes(k), `${k} in ${JSON.stringify(step)}`);
  const request = labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /x\n          |\n');
  for (const k of ['expect', 'side_effects', 'headers', 'body', 'capture']) assert.ok(request.includes(k), `${k} in ${JSON.stringify(request)}`);
  assert.ok(!request.includes('goto'), 'a request step is not also a goto step');
  assert.ok(labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /x\n          side_effects: |\n').includes('sandbox'));
  assert.ok(labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: POST /x\n          side_effects: |\n').includes('harmless'));
  assert.ok(labels('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - click: "#buy"\n          |\n').includes('side_effects'), 'a browser step may declare side effects');
});
