import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixes, fixAll } from '../../../src/core/lint/applyFixes';
import type { Rule } from '../../../src/core/lint/rule';

const fix = (title: string, ...edits: Array<[number, number, string]>) => ({
  title,
  edits: edits.map(([offset, length, newText]) => ({ offset, length, newText })),
});

test('edits are applied right to left so that offsets stay valid', () => {
  const r = applyFixes('a: 1\nb: 2\n', [fix('one', [3, 1, '10']), fix('two', [8, 1, '20'], [10, 0, 'c: 3\n'])]);
  assert.deepEqual(r, { text: 'a: 10\nb: 20\nc: 3\n', applied: 2 });
});

test('a fix overlapping one already taken waits (whole, not in part)', () => {
  const r = applyFixes('abcdef', [fix('first', [1, 3, 'X']), fix('second', [0, 1, 'Y'], [2, 1, 'Z'])]);
  assert.deepEqual(r, { text: 'aXef', applied: 1 });
});

test('an insert at the start of a replaced range, or two inserts at one offset, conflict', () => {
  assert.equal(applyFixes('abc', [fix('r', [1, 1, 'X']), fix('i', [1, 0, 'Y'])]).applied, 1);
  assert.equal(applyFixes('abc', [fix('i1', [1, 0, 'X']), fix('i2', [1, 0, 'Y'])]).applied, 1);
  // An insert right after a replaced range touches nothing of it.
  assert.deepEqual(applyFixes('abc', [fix('r', [0, 1, 'X']), fix('i', [1, 0, 'Y'])]), { text: 'XYbc', applied: 2 });
});

test('edits outside the text or with bad numbers are refused', () => {
  assert.deepEqual(
    applyFixes('abc', [fix('out', [2, 5, 'X']), fix('neg', [-1, 0, 'X']), fix('nan', [Number.NaN, 0, 'X'])]),
    { text: 'abc', applied: 0 },
  );
});

test('fixAll re-lints until nothing fixable is left, and stops on a fix that does not help', () => {
  // A toy rule: every "TODO" becomes "DONE", one per pass (so it takes several passes).
  const todo: Rule = {
    meta: {
      id: 'test/todo',
      defaultSeverity: 'warning',
      description: 'd',
      docsUrl: 'u',
      fixable: true,
      appliesTo: ['canary'],
    },
    check(ctx) {
      const i = ctx.file.text.indexOf('TODO');
      if (i >= 0) ctx.report({ offset: i, length: 4, message: 'todo', fix: fix('done', [i, 4, 'DONE']) });
    },
  };
  const r = fixAll('canary:\n  a: TODO\n  b: TODO\n  c: TODO\n', { rules: [todo] });
  assert.deepEqual(
    { text: r.text, applied: r.applied },
    { text: 'canary:\n  a: DONE\n  b: DONE\n  c: DONE\n', applied: 3 },
  );
  // The last pass's lint is handed back for the final text, so callers need not lint again.
  assert.equal(r.result?.file.text, r.text);
  assert.deepEqual(r.result?.findings, []);
  const stuck: Rule = {
    ...todo,
    check: (ctx) => ctx.report({ offset: 0, length: 1, message: 'x', fix: fix('same', [0, 1, 'c']) }),
  };
  const s = fixAll('canary: 1\n', { rules: [stuck] });
  assert.deepEqual({ text: s.text, applied: s.applied }, { text: 'canary: 1\n', applied: 0 });
  assert.equal(s.result?.findings.length, 1);
});
