import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorContext } from '../../../src/core/completion/cursorContext';

/** The text with `|` marking the cursor, and the offset of that cursor. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the test text needs a | for the cursor');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

const cases: Array<{
  name: string;
  text: string;
  mode: 'key' | 'value';
  path: Array<string | number>;
  prefix: string;
  siblings?: string[];
}> = [
  {
    name: 'a new key under canary',
    text: 'canary:\n  service: x\n  |\n  steps: [1, 100]\n',
    mode: 'key',
    path: ['canary'],
    prefix: '',
    siblings: ['service', 'steps'],
  },
  {
    name: 'a half-typed key',
    text: 'canary:\n  service: x\n  on_fa|\n',
    mode: 'key',
    path: ['canary'],
    prefix: 'on_fa',
    siblings: ['service'],
  },
  { name: 'a top-level key in an empty file', text: '|', mode: 'key', path: [], prefix: '' },
  {
    name: 'a value after the colon',
    text: 'canary:\n  on_failure: |\n  interval: 5m\n',
    mode: 'value',
    path: ['canary', 'on_failure'],
    prefix: '',
  },
  {
    name: 'a half-typed value',
    text: 'canary:\n  on_failure: ro|\n',
    mode: 'value',
    path: ['canary', 'on_failure'],
    prefix: 'ro',
  },
  {
    name: 'a key in a sequence item map',
    text: 'canary:\n  metrics:\n    - name: error-rate\n      |\n',
    mode: 'key',
    path: ['canary', 'metrics', 0],
    prefix: '',
    siblings: ['name'],
  },
  {
    name: 'the first key of a new item',
    text: 'canary:\n  metrics:\n    - name: error-rate\n    - |\n',
    mode: 'key',
    path: ['canary', 'metrics', 1],
    prefix: '',
  },
  {
    name: 'a value in a sequence item',
    text: 'canary:\n  metrics:\n    - name: p9|\n',
    mode: 'value',
    path: ['canary', 'metrics', 0, 'name'],
    prefix: 'p9',
  },
  {
    name: 'an item of an unclosed flow sequence',
    text: 'canary:\n  alerts:\n    - channel: slack:#x\n      on: [breach, ro|\n',
    mode: 'value',
    path: ['canary', 'alerts', 0, 'on', 0],
    prefix: 'ro',
  },
  {
    name: 'a quoted value',
    text: 'canary:\n  metrics:\n    - name: error-rate\n      threshold: "<=|\n',
    mode: 'value',
    path: ['canary', 'metrics', 0, 'threshold'],
    prefix: '<=',
  },
  {
    name: 'a step key deep in a journey',
    text: 'synthetic:\n  journeys:\n    - name: j\n      steps:\n        - goto: /\n        - |\n',
    mode: 'key',
    path: ['synthetic', 'journeys', 0, 'steps', 1],
    prefix: '',
  },
  {
    name: 'the second document of a file',
    text: 'canary:\n  service: a\n---\nsynthetic:\n  fre|\n',
    mode: 'key',
    path: ['synthetic'],
    prefix: 'fre',
  },
  {
    name: 'a key while a later line is broken',
    text: 'canary:\n  |\n  steps: [1, 5\n  interval 5m\n',
    mode: 'key',
    path: ['canary'],
    prefix: '',
  },
];

for (const c of cases) {
  test(`cursor path: ${c.name}`, () => {
    const [text, offset] = at(c.text);
    const ctx = cursorContext(text, offset);
    assert.ok(ctx, 'a context');
    assert.equal(ctx.mode, c.mode);
    assert.deepEqual(ctx.path, c.path);
    assert.equal(ctx.prefix, c.prefix);
    assert.equal(
      text.slice(ctx.replace.offset, ctx.replace.offset + ctx.replace.length).replace(/^["']/, ''),
      c.prefix,
    );
    if (c.siblings) assert.deepEqual(ctx.siblingKeys.sort(), c.siblings.sort());
  });
}

test('cursor path: the second document knows its own top-level keys', () => {
  const [text, offset] = at('canary:\n  service: a\n---\nsynthetic:\n  fre|\n');
  const ctx = cursorContext(text, offset);
  assert.deepEqual(ctx?.topLevelKeys, ['synthetic']);
  assert.equal(ctx?.docIndex, 1);
});

test('cursor path: the replace range covers the rest of the word after the cursor', () => {
  const [text, offset] = at('canary:\n  on_failure: ro|llback\n');
  const ctx = cursorContext(text, offset)!;
  assert.equal(text.slice(ctx.replace.offset, ctx.replace.offset + ctx.replace.length), 'rollback');
});

test('cursor path: nothing inside a comment', () => {
  const [text, offset] = at('canary:\n  # on_fa|\n');
  assert.equal(cursorContext(text, offset), undefined);
});

test('cursor path: hostile and odd input never throws', () => {
  for (const t of ['', ':', '- - - |', '{[|', '"unterminated |', 'a: *x|', 'x: !!binary |', '\t\t|', '---\n---\n|']) {
    const [text, offset] = t.includes('|') ? at(t) : [t, t.length];
    assert.doesNotThrow(() => cursorContext(text, offset));
  }
});
