import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigFinder } from '../../../src/cli/lint/configFinder';
import { makeTree } from './tempTree';

test('the nearest .release-safety.yaml upward from the file governs it', (t) => {
  const tree = makeTree({
    '.release-safety.yaml': 'rules: { yaml/syntax: warning }',
    'team/.release-safety.yaml': 'rules: { yaml/syntax: "off" }',
    'team/svc/a.yaml': '',
    'other/b.yaml': '',
  });
  t.after(tree.remove);
  const finder = new ConfigFinder(() => assert.fail('no problems expected'));
  assert.equal(finder.forFile(join(tree.dir, 'team/svc/a.yaml'))?.path, join(tree.dir, 'team/.release-safety.yaml'));
  assert.deepEqual(finder.forFile(join(tree.dir, 'team/svc/a.yaml'))?.config.rules, { 'yaml/syntax': 'off' });
  assert.deepEqual(finder.forFile(join(tree.dir, 'other/b.yaml'))?.config.rules, { 'yaml/syntax': 'warning' });
});

test('config problems are reported once per config file, and linting goes on', (t) => {
  const tree = makeTree({ '.release-safety.yaml': 'rules: { canary/big-first-step: loud }\nmaxFirstStep: 500\n', 'a.yaml': '', 'b/c.yaml': '' });
  t.after(tree.remove);
  const problems: string[] = [];
  const finder = new ConfigFinder((path, p) => problems.push(`${path}: ${p}`));
  finder.forFile(join(tree.dir, 'a.yaml'));
  finder.forFile(join(tree.dir, 'b/c.yaml'));
  finder.forFile(join(tree.dir, 'a.yaml'));
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /rules\.canary\/big-first-step: "loud" is not a severity/);
  assert.match(problems[1], /maxFirstStep must be a percent/);
});

test('exclude globs are relative to the config file', (t) => {
  const tree = makeTree({ 'repo/.release-safety.yaml': 'exclude: ["generated/**", "*.tmpl.yaml"]', 'repo/generated/a.yaml': '', 'repo/x/b.tmpl.yaml': '', 'repo/x/c.yaml': '' });
  t.after(tree.remove);
  const finder = new ConfigFinder(() => {});
  assert.equal(finder.isExcluded(join(tree.dir, 'repo/generated/a.yaml')), true);
  assert.equal(finder.isExcluded(join(tree.dir, 'repo/x/b.tmpl.yaml')), true);
  assert.equal(finder.isExcluded(join(tree.dir, 'repo/x/c.yaml')), false);
});

test('a folder with no config up to the root has none', (t) => {
  const tree = makeTree({ 'a.yaml': '' });
  t.after(tree.remove);
  // Only meaningful when no config sits above the temp folder; that is the case on CI machines.
  const finder = new ConfigFinder(() => {});
  const found = finder.forFile(join(tree.dir, 'a.yaml'));
  assert.ok(found === undefined || !found.path.startsWith(tree.dir));
});
