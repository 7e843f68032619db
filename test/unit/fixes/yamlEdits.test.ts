import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type YAMLMap, type Pair } from 'yaml';
import {
  appendSeqItem,
  applyEdits,
  fillEmptyPair,
  insertMapEntry,
  setMapValue,
} from '../../../src/core/lint/fixes/yamlEdits';
import { asMap, asSeq, nodeAt, pairOf } from '../../../src/core/parse/yamlNodes';

function mapAt(text: string, path: string[]): YAMLMap {
  const doc = parseDocument(text);
  const m = asMap(nodeAt(doc.contents, path, doc), doc);
  assert.ok(m, `no map at ${path.join('.')}`);
  return m;
}

function parses(text: string): unknown {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, [], `edited text does not parse:\n${text}`);
  return doc.toJS({ maxAliasCount: 50 });
}

test('inserts into a block map after its last entry, at its indentation, keeping comments', () => {
  const text =
    '# top\ncanary:\n  steps: [1, 100]   # ramp\n  metrics:\n  - name: error-rate\n    threshold: "<= 1%"\n# after\nother: 1\n';
  const out = applyEdits(text, [insertMapEntry(text, mapAt(text, ['canary']), 'on_failure', 'rollback')]);
  assert.equal(
    out,
    '# top\ncanary:\n  steps: [1, 100]   # ramp\n  metrics:\n  - name: error-rate\n    threshold: "<= 1%"\n  on_failure: rollback\n# after\nother: 1\n',
  );
  assert.equal((parses(out) as any).canary.on_failure, 'rollback');
});

test('keeps a trailing comment with its entry and works without a final newline', () => {
  const text = 'canary:\n    interval: 5m # five';
  const out = applyEdits(text, [insertMapEntry(text, mapAt(text, ['canary']), 'min_requests', 100)]);
  assert.equal(out, 'canary:\n    interval: 5m # five\n    min_requests: 100');
  parses(out);
});

test('inserts a list value as indented block lines and keeps CRLF line breaks', () => {
  const text = 'canary:\r\n  steps: [1, 100]\r\n';
  const out = applyEdits(text, [
    insertMapEntry(text, mapAt(text, ['canary']), 'alerts', [{ channel: 'slack:#CHANGE-ME' }]),
  ]);
  assert.equal(out, 'canary:\r\n  steps: [1, 100]\r\n  alerts:\r\n    - channel: slack:#CHANGE-ME\r\n');
  assert.deepEqual((parses(out) as any).canary.alerts, [{ channel: 'slack:#CHANGE-ME' }]);
});

test('inserts into flow maps, empty or not', () => {
  for (const [text, want] of [
    [
      'canary: {steps: [1, 100], interval: 5m}  # c\n',
      'canary: {steps: [1, 100], interval: 5m, on_failure: rollback}  # c\n',
    ],
    ['canary: { steps: [1, 100] }\n', 'canary: { steps: [1, 100], on_failure: rollback }\n'],
    ['canary: {steps: [1],}\n', 'canary: {steps: [1], on_failure: rollback}\n'],
    ['canary: {}\n', 'canary: {on_failure: rollback}\n'],
  ] as const) {
    const out = applyEdits(text, [insertMapEntry(text, mapAt(text, ['canary']), 'on_failure', 'rollback')]);
    assert.equal(out, want);
    parses(out);
  }
});

test('inserts into a map that is a list item', () => {
  const text = 'journeys:\n  - name: a\n    steps: []\n  - name: b\n';
  const doc = parseDocument(text);
  const m = asMap(nodeAt(doc.contents, ['journeys', 0], doc), doc)!;
  const out = applyEdits(text, [insertMapEntry(text, m, 'alerts', [{ channel: 'slack:#x' }])]);
  assert.equal(out, 'journeys:\n  - name: a\n    steps: []\n    alerts:\n      - channel: slack:#x\n  - name: b\n');
  assert.equal((parses(out) as any).journeys[1].name, 'b');
});

test('fills a key with no value yet', () => {
  for (const [text, want] of [
    ['canary:\n', 'canary:\n  on_failure: rollback\n'],
    ['canary: # todo\nx: 1\n', 'canary: # todo\n  on_failure: rollback\nx: 1\n'],
    ['canary: ~\n', 'canary:\n  on_failure: rollback\n'],
  ] as const) {
    const doc = parseDocument(text);
    const pair = pairOf(asMap(doc.contents)!, 'canary') as Pair;
    const edit = fillEmptyPair(text, pair, 'on_failure', 'rollback');
    assert.ok(edit);
    const out = applyEdits(text, [edit]);
    assert.equal(out, want);
    assert.equal((parses(out) as any).canary.on_failure, 'rollback');
  }
});

test('setMapValue replaces a scalar in place, fills an empty value, or inserts', () => {
  const cases: Array<[string, string]> = [
    ['canary:\n  on_failure: pause   # why\n  steps: [1]\n', 'canary:\n  on_failure: rollback # why\n  steps: [1]\n'],
    ['canary:\n  on_failure: "alert"\n', 'canary:\n  on_failure: rollback\n'],
    ['canary:\n  on_failure:\n  steps: [1]\n', 'canary:\n  on_failure: rollback\n  steps: [1]\n'],
    ['canary:\n  steps: [1]\n', 'canary:\n  steps: [1]\n  on_failure: rollback\n'],
    ['canary: {on_failure: pause}\n', 'canary: {on_failure: rollback}\n'],
  ];
  for (const [text, want] of cases) {
    const out = applyEdits(text, [setMapValue(text, mapAt(text, ['canary']), 'on_failure', 'rollback')]);
    assert.equal(out, want);
    parses(out);
  }
});

test('setMapValue replaces an empty list by a block list or a flow list', () => {
  const block = 'canary:\n  alerts: []   # none yet\n  steps: [1]\n';
  const out = applyEdits(block, [setMapValue(block, mapAt(block, ['canary']), 'alerts', [{ channel: 'slack:#x' }])]);
  assert.deepEqual((parses(out) as any).canary, { alerts: [{ channel: 'slack:#x' }], steps: [1] });
  assert.match(out, /# none yet/);
  const flow = 'canary: {alerts: [], steps: [1]}\n';
  const out2 = applyEdits(flow, [setMapValue(flow, mapAt(flow, ['canary']), 'alerts', [{ channel: 'slack:#x' }])]);
  assert.deepEqual((parses(out2) as any).canary, { alerts: [{ channel: 'slack:#x' }], steps: [1] });
});

test('quotes values that need it', () => {
  const text = 'canary:\n  steps: [1]\n';
  const out = applyEdits(text, [insertMapEntry(text, mapAt(text, ['canary']), 'service', 'a: b #c')]);
  assert.equal((parses(out) as any).canary.service, 'a: b #c');
});

test('a longer value eats the padding before an aligned comment, keeping one space', () => {
  const text = 'canary:\n  on_failure: pause       # why\n  steps: [1]          # ramp\n';
  const out = applyEdits(text, [setMapValue(text, mapAt(text, ['canary']), 'on_failure', 'rollback')]);
  assert.equal(out, 'canary:\n  on_failure: rollback    # why\n  steps: [1]          # ramp\n');
  const tight = 'canary:\n  on_failure: pause # why\n';
  assert.equal(
    applyEdits(tight, [setMapValue(tight, mapAt(tight, ['canary']), 'on_failure', 'rollback')]),
    'canary:\n  on_failure: rollback # why\n',
  );
});

test('appends to flow and block lists', () => {
  for (const [text, want] of [
    ['steps: [1, 5]  # ramp\n', 'steps: [1, 5, 100]  # ramp\n'],
    ['steps: [ ]\n', 'steps: [100]\n'],
    ['steps:\n- 1\n- 5 # five\nx: 1\n', 'steps:\n- 1\n- 5 # five\n- 100\nx: 1\n'],
    ['a:\n  steps:\n    - 1\n', 'a:\n  steps:\n    - 1\n    - 100\n'],
  ] as const) {
    const doc = parseDocument(text);
    const seq = asSeq(nodeAt(doc.contents, text.startsWith('a:') ? ['a', 'steps'] : ['steps'], doc), doc)!;
    const out = applyEdits(text, [appendSeqItem(text, seq, 100)]);
    assert.equal(out, want);
    parses(out);
  }
});
