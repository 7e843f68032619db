import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTree, runCli, NEUTRAL } from './tempTree';

const stdin = (text: string | Buffer) => ({
  readStdin: async () => (Buffer.isBuffer(text) ? text : Buffer.from(text)),
});

// What `helm template` prints: one stream, `# Source:` comments, documents that are ours and not.
const RENDERED = [
  '---',
  '# Source: app/templates/service.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: app}',
  '---',
  '# Source: app/templates/rollout.yaml',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Rollout',
  'spec:',
  '  strategy:',
  '    canary:',
  '      steps: [{setWeight: 100}]',
  '',
].join('\n');

test('lint - reads standard input: positions are in that text, the name is <stdin>', async (t) => {
  const tree = makeTree({ 'ignored.yaml': 'canary:\n  steps: [1, 5\n' });
  t.after(tree.remove);
  const r = await runCli(['lint', '-', '--format', 'json'], tree.dir, stdin(RENDERED));
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Array<{ file: string; line: number; rule: string }>;
  assert.ok(findings.length > 0);
  assert.ok(
    findings.every((f) => f.file === '<stdin>'),
    'only standard input is linted, not the folder',
  );
  const full = findings.find((f) => f.rule === 'canary/straight-to-full');
  assert.equal(full?.line, 13);
});

test('--stdin-filename names standard input and picks the .release-safety.yaml above it', async (t) => {
  const tree = makeTree({ 'chart/.release-safety.yaml': 'rules:\n  canary/*: off\n', 'chart/keep.txt': '' });
  t.after(tree.remove);
  const r = await runCli(
    ['lint', '-', '--stdin-filename', 'chart/rendered.yaml', '--format', 'json'],
    tree.dir,
    stdin(RENDERED),
  );
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
  const broken = await runCli(
    ['lint', '-', '--stdin-filename', 'x/out.yaml'],
    tree.dir,
    stdin('canary:\n  steps: [1, 5\n'),
  );
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /^\nx\/out\.yaml\n  3:1  error .+yaml\/syntax/);
});

test('lint - with nothing of ours on standard input exits 0; binary input is a finding', async (t) => {
  const tree = makeTree({});
  t.after(tree.remove);
  assert.equal((await runCli(['lint', '-'], tree.dir, stdin(NEUTRAL))).code, 0);
  const bin = await runCli(['lint', '-', '--format', 'json'], tree.dir, stdin(Buffer.from([0x63, 0, 1, 2])));
  assert.equal(bin.code, 1);
  assert.match(JSON.parse(bin.stdout)[0].message, /binary/);
});

test('usage errors: - with paths, --fix on standard input, --stdin-filename without -', async (t) => {
  const tree = makeTree({ 'a.yaml': NEUTRAL });
  t.after(tree.remove);
  const cases: Array<[string[], RegExp]> = [
    [['lint', '-', 'a.yaml'], /cannot be mixed with paths/],
    [['lint', '-', '--fix'], /--fix cannot write back to standard input/],
    [['lint', 'a.yaml', '--stdin-filename', 'x.yaml'], /use it with `-`/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args, tree.dir, stdin(NEUTRAL));
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});
