import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { readSource } from '../../../src/cli/lint/readSource';
import { DEFAULT_MAX_CHARS } from '../../../src/core/parse/parseFile';
import { makeTree } from './tempTree';

test('UTF-8 text is read as is', (t) => {
  const tree = makeTree({ 'a.yaml': 'name: café ✓\n' });
  t.after(tree.remove);
  assert.deepEqual(readSource(join(tree.dir, 'a.yaml'), 'a.yaml'), { kind: 'text', text: 'name: café ✓\n' });
});

test('binary and non-UTF-8 files end in a finding that says what to do', (t) => {
  const tree = makeTree({
    'bin.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    'latin1.yaml': Buffer.from('name: caf\xe9\n', 'latin1'),
  });
  t.after(tree.remove);
  const bin = readSource(join(tree.dir, 'bin.yaml'), 'bin.yaml');
  assert.equal(bin.kind, 'finding');
  assert.ok(bin.kind === 'finding' && bin.finding.rule === 'yaml/syntax' && /binary file/.test(bin.finding.message));
  const latin = readSource(join(tree.dir, 'latin1.yaml'), 'latin1.yaml');
  assert.ok(latin.kind === 'finding' && /not UTF-8/.test(latin.finding.message));
});

test('a file far above the size limit is a finding, without reading it', (t) => {
  const tree = makeTree({ 'huge.yaml': '' });
  t.after(tree.remove);
  // A sparse file: large on paper, no disk used.
  const fd = openSync(join(tree.dir, 'huge.yaml'), 'r+');
  ftruncateSync(fd, DEFAULT_MAX_CHARS * 4 + 1);
  closeSync(fd);
  const r = readSource(join(tree.dir, 'huge.yaml'), 'huge.yaml');
  assert.ok(r.kind === 'finding' && /Split it into smaller files/.test(r.finding.message), JSON.stringify(r));
});

test('a missing file is unreadable, with the path in the message', () => {
  const r = readSource('/nonexistent/dir/x.yaml', 'x.yaml');
  assert.ok(r.kind === 'unreadable' && /^x\.yaml does not exist/.test(r.message));
});
