import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findFiles } from '../../../src/cli/lint/findFiles';
import { makeTree } from './tempTree';

const rel = (dir: string, paths: { path: string }[]) => paths.map((p) => relative(dir, p.path).split('\\').join('/'));

test('a folder is searched recursively for *.yaml and *.yml, sorted, skipping node_modules and .git', (t) => {
  const tree = makeTree({
    'b.yaml': 'a: 1',
    'a.yml': 'a: 1',
    'C.YAML': 'a: 1',
    'notes.txt': 'x',
    'deep/er/c.yaml': 'a: 1',
    'node_modules/pkg/x.yaml': 'a: 1',
    'sub/node_modules/y.yaml': 'a: 1',
    '.git/config.yaml': 'a: 1',
    '.github/workflows/ci.yml': 'a: 1',
    '.release-safety.yaml': 'rules: {}',
  });
  t.after(tree.remove);
  const found = findFiles(['.'], tree.dir);
  assert.deepEqual(rel(tree.dir, found.files), [
    '.github/workflows/ci.yml',
    'C.YAML',
    'a.yml',
    'b.yaml',
    'deep/er/c.yaml',
  ]);
  assert.ok(found.files.every((f) => !f.explicit));
  assert.deepEqual(found.problems, []);
});

test('no path means the current folder; a named file is linted whatever its name', (t) => {
  const tree = makeTree({ 'x.yaml': 'a: 1', 'rollout.txt': 'a: 1' });
  t.after(tree.remove);
  assert.deepEqual(rel(tree.dir, findFiles([], tree.dir).files), ['x.yaml']);
  const named = findFiles(['rollout.txt'], tree.dir);
  assert.deepEqual(rel(tree.dir, named.files), ['rollout.txt']);
  assert.equal(named.files[0].explicit, true);
});

test('the same file reached twice (named and inside a named folder) is linted once', (t) => {
  const tree = makeTree({ 'a/x.yaml': 'a: 1' });
  t.after(tree.remove);
  assert.deepEqual(rel(tree.dir, findFiles(['a/x.yaml', 'a', './a/x.yaml'], tree.dir).files), ['a/x.yaml']);
});

test('symlink loops are visited once and do not hang', (t) => {
  const tree = makeTree({ 'a/x.yaml': 'a: 1', 'a/b/y.yaml': 'a: 1' });
  t.after(tree.remove);
  symlinkSync(join(tree.dir, 'a'), join(tree.dir, 'a', 'b', 'loop'));
  symlinkSync(tree.dir, join(tree.dir, 'a', 'root'));
  symlinkSync(join(tree.dir, 'missing.yaml'), join(tree.dir, 'a', 'dangling.yaml'));
  const found = findFiles(['.'], tree.dir);
  assert.deepEqual(rel(tree.dir, found.files), ['a/b/y.yaml', 'a/x.yaml']);
  assert.deepEqual(found.problems, []);
});

test('a path that does not exist is a problem with a clear message, the rest is still found', (t) => {
  const tree = makeTree({ 'ok.yaml': 'a: 1' });
  t.after(tree.remove);
  const found = findFiles(['nope.yaml', 'ok.yaml', 'ok.yaml/child'], tree.dir);
  assert.deepEqual(rel(tree.dir, found.files), ['ok.yaml']);
  assert.equal(found.problems.length, 2);
  assert.match(found.problems[0].message, /^nope\.yaml does not exist/);
  assert.match(found.problems[1].message, /ok\.yaml\/child does not exist/);
});

test('a folder without YAML files is reported as empty', (t) => {
  const tree = makeTree({ 'docs/readme.md': '#' });
  t.after(tree.remove);
  mkdirSync(join(tree.dir, 'empty'));
  const found = findFiles(['docs', 'empty'], tree.dir);
  assert.deepEqual(found.files, []);
  assert.deepEqual(found.emptyFolders, ['docs', 'empty']);
});
