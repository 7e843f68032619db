import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigResolver, type ConfigFileSystem } from '../../../src/core/config/configResolver';
import { nodeConfigFileSystem } from '../../../src/core/config/nodeConfigFileSystem';
import { makeTree } from '../cli/tempTree';

/** An in-memory file system that counts its reads (the cache must spare the disk). */
function memoryFs(files: Record<string, string>): ConfigFileSystem & { files: Record<string, string>; reads: number } {
  const fs = {
    files,
    reads: 0,
    readFile(path: string): string | undefined {
      fs.reads++;
      return Object.prototype.hasOwnProperty.call(fs.files, path) ? fs.files[path] : undefined;
    },
  };
  return fs;
}

test('the nearest .release-safety.yaml upward from the file governs it', (t) => {
  const tree = makeTree({
    '.release-safety.yaml': 'rules: { yaml/syntax: warning }',
    'team/.release-safety.yaml': 'rules: { yaml/syntax: "off" }',
    'team/svc/a.yaml': '',
    'other/b.yaml': '',
  });
  t.after(tree.remove);
  const resolver = new ConfigResolver(nodeConfigFileSystem, () => assert.fail('no problems expected'));
  assert.equal(resolver.forFile(join(tree.dir, 'team/svc/a.yaml'))?.path, join(tree.dir, 'team/.release-safety.yaml'));
  assert.deepEqual(resolver.forFile(join(tree.dir, 'team/svc/a.yaml'))?.config.rules, { 'yaml/syntax': 'off' });
  assert.deepEqual(resolver.forFile(join(tree.dir, 'other/b.yaml'))?.config.rules, { 'yaml/syntax': 'warning' });
});

test('config problems are reported once per config file, and linting goes on', (t) => {
  const tree = makeTree({
    '.release-safety.yaml': 'rules: { canary/big-first-step: loud }\nmaxFirstStep: 500\n',
    'a.yaml': '',
    'b/c.yaml': '',
  });
  t.after(tree.remove);
  const problems: string[] = [];
  const resolver = new ConfigResolver(nodeConfigFileSystem, (path, p) => problems.push(`${path}: ${p}`));
  resolver.forFile(join(tree.dir, 'a.yaml'));
  resolver.forFile(join(tree.dir, 'b/c.yaml'));
  resolver.forFile(join(tree.dir, 'a.yaml'));
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /rules\.canary\/big-first-step: "loud" is not a severity/);
  assert.match(problems[1], /maxFirstStep must be a percent/);
  assert.equal(
    resolver.forFile(join(tree.dir, 'a.yaml'))?.problems.length,
    2,
    'the problems also travel with the config',
  );
});

test('exclude globs are relative to the config file', (t) => {
  const tree = makeTree({
    'repo/.release-safety.yaml': 'exclude: ["generated/**", "*.tmpl.yaml", vendor]',
    'repo/generated/a.yaml': '',
    'repo/x/b.tmpl.yaml': '',
    'repo/x/c.yaml': '',
    'repo/vendor/x.yaml': '',
  });
  t.after(tree.remove);
  const resolver = new ConfigResolver(nodeConfigFileSystem);
  assert.equal(resolver.isExcluded(join(tree.dir, 'repo/generated/a.yaml')), true);
  assert.equal(resolver.isExcluded(join(tree.dir, 'repo/x/b.tmpl.yaml')), true);
  assert.equal(
    resolver.isExcluded(join(tree.dir, 'repo/vendor/x.yaml')),
    true,
    'a bare folder name excludes what it holds',
  );
  assert.equal(resolver.isExcluded(join(tree.dir, 'repo/x/c.yaml')), false);
});

test('a folder with no config up to the root has none', (t) => {
  const tree = makeTree({ 'a.yaml': '' });
  t.after(tree.remove);
  // Only meaningful when no config sits above the temp folder; that is the case on CI machines.
  const found = new ConfigResolver(nodeConfigFileSystem).forFile(join(tree.dir, 'a.yaml'));
  assert.ok(found === undefined || !found.path.startsWith(tree.dir));
});

test('an unreadable config is a problem, not a crash, and its settings are ignored', () => {
  const fs: ConfigFileSystem = {
    readFile(path) {
      if (path === '/r/.release-safety.yaml') throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      return undefined;
    },
  };
  const problems: string[] = [];
  const found = new ConfigResolver(fs, (_p, m) => problems.push(m)).forFile('/r/a.yaml');
  assert.deepEqual(found?.config, { rules: {} });
  assert.deepEqual(problems, ['.release-safety.yaml cannot be read (EACCES); its settings are ignored.']);
});

test('stopAt bounds the search: a config above the workspace folder does not apply', () => {
  const fs = memoryFs({
    '/home/.release-safety.yaml': 'rules: { yaml/syntax: "off" }',
    '/home/ws/team/.release-safety.yaml': 'maxFirstStep: 10',
  });
  const resolver = new ConfigResolver(fs);
  assert.equal(resolver.forFile('/home/ws/a.yaml', { stopAt: '/home/ws' }), undefined);
  assert.equal(resolver.forFile('/home/ws/a.yaml')?.path, '/home/.release-safety.yaml');
  assert.equal(
    resolver.forFile('/home/ws/team/x/a.yaml', { stopAt: '/home/ws' })?.path,
    '/home/ws/team/.release-safety.yaml',
  );
  // A file outside the folder looks only in its own folder.
  assert.equal(resolver.forFile('/home/b.yaml', { stopAt: '/home/ws' })?.path, '/home/.release-safety.yaml');
  assert.equal(resolver.forFile('/other/b.yaml', { stopAt: '/home/ws' }), undefined);
  assert.equal(
    resolver.forFile('/home/wsx/a.yaml', { stopAt: '/home/ws' }),
    undefined,
    '/home/wsx is not inside /home/ws',
  );
});

test('each folder is read once until invalidated; invalidation picks up a created, edited and deleted config and notifies', () => {
  const fs = memoryFs({});
  const resolver = new ConfigResolver(fs);
  const changes: Array<string | undefined> = [];
  const unsubscribe = resolver.onDidChange((p) => changes.push(p));
  assert.equal(resolver.forFile('/ws/a/b/c.yaml'), undefined);
  const reads = fs.reads;
  assert.equal(resolver.forFile('/ws/a/b/d.yaml'), undefined);
  assert.equal(resolver.isExcluded('/ws/a/b/d.yaml'), false);
  assert.equal(fs.reads, reads, 'a known folder is not read again');

  // Created: the cached "no config here" is dropped.
  fs.files['/ws/a/.release-safety.yaml'] = 'exclude: [b]';
  assert.equal(resolver.isExcluded('/ws/a/b/c.yaml'), false, 'still cached until told');
  resolver.invalidate('/ws/a/.release-safety.yaml');
  assert.equal(resolver.isExcluded('/ws/a/b/c.yaml'), true);

  // Edited.
  fs.files['/ws/a/.release-safety.yaml'] = 'exclude: [other]';
  resolver.invalidate('/ws/a/.release-safety.yaml');
  assert.equal(resolver.isExcluded('/ws/a/b/c.yaml'), false);

  // Deleted; then everything forgotten at once.
  delete fs.files['/ws/a/.release-safety.yaml'];
  fs.files['/ws/.release-safety.yaml'] = 'rules: { yaml/syntax: info }';
  resolver.invalidate('/ws/a/.release-safety.yaml');
  assert.equal(resolver.forFile('/ws/a/b/c.yaml'), undefined, '/ws is still remembered as having none');
  resolver.invalidate();
  assert.equal(resolver.forFile('/ws/a/b/c.yaml')?.path, '/ws/.release-safety.yaml');

  assert.deepEqual(changes, [
    '/ws/a/.release-safety.yaml',
    '/ws/a/.release-safety.yaml',
    '/ws/a/.release-safety.yaml',
    undefined,
  ]);
  unsubscribe();
  resolver.invalidate();
  assert.equal(changes.length, 4, 'no call after unsubscribing');
});
