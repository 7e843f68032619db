import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt, yamlScalar, type NativeSchemas } from '../../../src/core/completion/completeAt';
import { snippetToText, NEW_CANARY, NEW_SYNTHETIC_FILE } from '../../../src/core/completion/snippets';
import { parseFile } from '../../../src/core/parse/parseFile';
import type { JsonSchema } from '../../../src/core/completion/schemaAt';

/**
 * A small schema in the shapes real schemas use ($ref to $defs, oneOf of step kinds, enums), so
 * that the walker is tested on each shape on its own; the shipped schemas are tested elsewhere.
 */
const canary: JsonSchema = {
  type: 'object',
  properties: {
    canary: {
      type: 'object',
      required: ['steps', 'interval'],
      properties: {
        service: { type: 'string', description: 'shown in the panel' },
        steps: { type: 'array', items: { type: 'number' } },
        interval: { type: 'string', examples: ['5m'] },
        on_failure: { enum: ['rollback', 'pause', 'alert'], description: 'what happens on a breach' },
        metrics: { type: 'array', items: { $ref: '#/$defs/metric' } },
        alerts: { type: 'array', items: { $ref: '#/$defs/alert' } },
        source: { type: 'object', properties: { scrape: { type: 'object' } } },
      },
    },
  },
  $defs: {
    metric: {
      type: 'object',
      properties: { name: { type: 'string' }, threshold: { type: 'string' }, query: { type: 'string' } },
    },
    alert: {
      type: 'object',
      properties: {
        channel: { type: 'string' },
        on: { type: 'array', items: { enum: ['breach', 'rollback', 'promotion'] } },
      },
    },
  },
};
const synthetic: JsonSchema = {
  type: 'object',
  properties: {
    synthetic: {
      type: 'object',
      properties: {
        frequency: { type: 'string' },
        journeys: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, steps: { type: 'array', items: { $ref: '#/$defs/step' } } },
          },
        },
      },
    },
  },
  $defs: {
    step: {
      properties: { name: { type: 'string' }, timeout: { type: 'string' } },
      oneOf: [
        {
          properties: { request: { type: 'string' }, expect: { type: 'object' }, side_effects: { enum: ['sandbox'] } },
          required: ['request'],
        },
        { properties: { goto: { type: 'string' } }, required: ['goto'] },
        { properties: { click: { oneOf: [{ type: 'string' }, { type: 'object' }] } }, required: ['click'] },
      ],
    },
  },
};
const schemas: NativeSchemas = { canary, synthetic };

function complete(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, items: completeAt(text, offset, schemas) };
}
const labels = (items: { label: string }[]) => items.map((i) => i.label);

test('completion: keys under canary, minus those written, required ones marked', () => {
  const { items } = complete('canary:\n  service: x\n  |\n');
  assert.deepEqual(labels(items).sort(), ['alerts', 'interval', 'metrics', 'on_failure', 'source', 'steps']);
  assert.equal(items.find((i) => i.label === 'steps')?.detail, 'required');
  assert.equal(items.find((i) => i.label === 'on_failure')?.insertText, 'on_failure: ${1|rollback,pause,alert|}');
  assert.equal(items.find((i) => i.label === 'steps')?.insertText, 'steps: [$0]');
  assert.equal(items.find((i) => i.label === 'metrics')?.insertText, 'metrics:\n  - $0');
  assert.equal(items.find((i) => i.label === 'source')?.insertText, 'source:\n  $0');
  assert.equal(items.find((i) => i.label === 'on_failure')?.documentation, 'what happens on a breach');
});

test('completion: enum values of on_failure, replacing the typed word', () => {
  const { text, items } = complete('canary:\n  on_failure: pa|\n');
  assert.deepEqual(labels(items), ['rollback', 'pause', 'alert']);
  const r = items[0].replace;
  assert.equal(text.slice(r.offset, r.offset + r.length), 'pa');
});

test('completion: right after the colon, values start with a space', () => {
  const items = complete('canary:\n  on_failure:|\n').items;
  assert.deepEqual(
    items.map((i) => i.insertText),
    [' rollback', ' pause', ' alert'],
  );
});

test('completion: well-known metric names at a metric name', () => {
  const { items } = complete('canary:\n  metrics:\n    - name: |\n');
  assert.ok(labels(items).includes('error-rate'));
  assert.ok(labels(items).includes('p99-latency'));
  assert.equal(items.find((i) => i.label === 'p99-latency')?.detail, 'ms');
});

test('completion: alert channel kinds and events, block and flow lists', () => {
  const channel = complete('canary:\n  alerts:\n    - channel: |\n').items;
  assert.deepEqual(labels(channel), ['slack:', 'pagerduty:', 'opsgenie:', 'email:', 'webhook:', 'teams:']);
  assert.equal(channel[0].insertText, 'slack:${1:#deploys}');
  assert.deepEqual(labels(complete('canary:\n  alerts:\n    - channel: slack:#x\n      on: [breach, |\n').items), [
    'breach',
    'rollback',
    'promotion',
  ]);
  assert.deepEqual(labels(complete('canary:\n  alerts:\n    - channel: slack:#x\n      on:\n        - |\n').items), [
    'breach',
    'rollback',
    'promotion',
  ]);
});

test('completion: threshold examples come quoted', () => {
  const { items } = complete('canary:\n  metrics:\n    - name: error-rate\n      threshold: |\n');
  assert.ok(items.some((i) => i.insertText === '"<= 1%"'));
  assert.ok(items.some((i) => i.insertText === '">= 99%"'));
});

test('completion: step kinds in a new step, as snippets lined up under the dash', () => {
  const { items } = complete('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - |\n');
  const l = labels(items);
  for (const k of ['request', 'goto', 'click', 'name', 'timeout', 'fill', 'expect_visible'])
    assert.ok(l.includes(k), `offers ${k}`);
  const request = items.find((i) => i.label === 'request')!;
  assert.ok(request.snippet);
  // The key sits 2 columns right of the line's indentation: later lines move by those 2.
  assert.equal(
    request.insertText,
    'request: ${1|GET,HEAD,POST,PUT,PATCH,DELETE|} ${2:/api/health}\n    expect:\n      status: ${3:200}',
  );
});

test('completion: once a step has a kind, the other kinds are not offered', () => {
  const l = labels(
    complete('synthetic:\n  journeys:\n    - name: j\n      steps:\n        - request: GET /\n          |\n').items,
  );
  assert.ok(l.includes('expect') && l.includes('side_effects'));
  assert.ok(!l.includes('goto') && !l.includes('click') && !l.includes('fill') && !l.includes('request'));
});

test('completion: a new journey item offers the journey snippet', () => {
  const items = complete('synthetic:\n  journeys:\n    - name: a\n      steps: []\n    - |\n').items;
  const journey = items.find((i) => i.label.startsWith('journey'));
  assert.ok(journey);
  assert.match(journey.insertText, /^name: \$\{1:service is healthy\}\n  steps:\n    - request: GET/);
});

test('completion: an empty file offers a new canary and a new synthetic file', () => {
  const l = labels(complete('|').items);
  assert.deepEqual(l, [NEW_CANARY.label, NEW_SYNTHETIC_FILE.label]);
});

test('completion: a Kubernetes or compose document gets nothing', () => {
  assert.deepEqual(complete('apiVersion: v1\nkind: ConfigMap\n|\n').items, []);
  assert.deepEqual(complete('services:\n  web:\n    im|\n').items, []);
});

test('the snippets, filled with their defaults, are YAML that parses and is sniffed', () => {
  const canaryText = snippetToText(NEW_CANARY.body);
  assert.match(canaryText, /channel: slack:#checkout-deploys/);
  const file = parseFile(canaryText + '---\n' + snippetToText(NEW_SYNTHETIC_FILE.body));
  assert.deepEqual(file.findings, []);
  assert.deepEqual(
    file.documents.map((d) => d.kind),
    ['canary', 'synthetic'],
  );
  assert.equal(snippetToText('fill: { value: "${2:\\${env:USER\\}}" }'), 'fill: { value: "${env:USER}" }');
});

test('yamlScalar quotes what a plain scalar would misread', () => {
  assert.equal(yamlScalar('rollback'), 'rollback');
  assert.equal(yamlScalar('>= 99%'), '">= 99%"');
  assert.equal(yamlScalar('true'), '"true"');
  assert.equal(yamlScalar('a: b'), '"a: b"');
  assert.equal(yamlScalar(200), '200');
});
