/**
 * `release-safety lint` as CI runs it: the built bin as a child process (npm test builds first).
 * Rule-by-rule expectations belong to the rule tests; these check the plumbing end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { allRules } from '../../../src/core/lint/rules/index';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'release-safety');
const built = existsSync(join(ROOT, 'dist', 'cli.js'));

function cli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

const skip = built ? false : 'dist/cli.js is missing: run `npm run build` first';

test('--version prints the package version; no command prints usage and exits 2', { skip }, () => {
  const pkg = JSON.parse(require('node:fs').readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const v = cli(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout.trim(), pkg.version);
  const none = cli([]);
  assert.equal(none.code, 2);
  assert.match(none.stdout + none.stderr, /release-safety lint \[PATH/);
});

test('the clean examples have no findings', { skip }, () => {
  const r = cli([
    'lint',
    'examples/canary-analysis.yaml',
    'examples/synthetic.yaml',
    'examples/argo-rollout.yaml',
    'examples/flagger-canary.yaml',
    '--format',
    'json',
  ]);
  assert.equal(r.stderr, '');
  const findings: JsonFinding[] = JSON.parse(r.stdout);
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`),
    [],
  );
  assert.equal(r.code, 0);
});

test('each file in examples/mistakes shows findings from the rules that apply to it', { skip }, () => {
  const r = cli(['lint', 'examples/mistakes', '--format', 'json']);
  const findings: JsonFinding[] = JSON.parse(r.stdout);
  const kinds: Record<string, string[]> = {
    'examples/mistakes/canary-analysis.yaml': ['canary'],
    'examples/mistakes/argo-rollout.yaml': ['argo-rollout'],
    'examples/mistakes/flagger-canary.yaml': ['flagger-canary'],
    'examples/mistakes/synthetic.yaml': ['synthetic'],
  };
  for (const [file, docKinds] of Object.entries(kinds)) {
    // Holds as soon as a rule for that kind of document is in the catalog.
    const rules = allRules.filter((rule) => rule.meta.appliesTo.some((k) => docKinds.includes(k)));
    const mine = findings.filter((f) => f.file === file);
    if (rules.length === 0) continue;
    assert.ok(
      mine.length >= Math.min(2, rules.length),
      `${file}: expected findings from ${rules.map((x) => x.meta.id).join(', ')}, got ${JSON.stringify(mine)}`,
    );
    assert.ok(
      mine.every((f) => f.rule !== 'yaml/syntax'),
      `${file} must parse: ${JSON.stringify(mine)}`,
    );
  }
  if (findings.some((f) => f.severity === 'error')) assert.equal(r.code, 1);
});

test('every finding position lies inside its file; every format agrees on the count', { skip }, () => {
  const json: JsonFinding[] = JSON.parse(cli(['lint', 'examples', '-f', 'json']).stdout);
  const sarif = JSON.parse(cli(['lint', 'examples', '-f', 'sarif']).stdout);
  const text = cli(['lint', 'examples']).stdout;
  assert.equal(sarif.runs[0].results.length, json.length);
  if (json.length) assert.match(text, new RegExp(`✖ ${json.length} problems?`));
  else assert.match(text, /No problems/);
  for (const f of json) {
    const lines = require('node:fs').readFileSync(join(ROOT, f.file), 'utf8').split(/\r?\n/);
    assert.ok(f.line >= 1 && f.line <= lines.length, `${f.file}:${f.line}`);
    assert.ok(f.column >= 1 && f.column <= lines[f.line - 1].length + 1, `${f.file}:${f.line}:${f.column}`);
    assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), JSON.stringify(f));
  }
});

test('exit codes from a real process: 0 clean, 1 error, 2 unreadable path and bad option', { skip }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-proc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ok.yaml'), 'kind: ConfigMap\n');
  writeFileSync(join(dir, 'bad.yaml'), 'canary:\n  steps: [1, 5\n  interval: 5m\n');
  assert.equal(cli(['lint', 'ok.yaml'], dir).code, 0);
  const bad = cli(['lint'], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /bad\.yaml\n {2}3:3 {2}error/);
  const missing = cli(['lint', 'nope'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope does not exist/);
  const option = cli(['lint', '--formats', 'json'], dir);
  assert.equal(option.code, 2);
  assert.match(option.stderr, /unknown option --formats/);
  // Colour never reaches a pipe, even with FORCE_COLOR-like environments.
  assert.doesNotMatch(bad.stdout, /\u001b\[/);
});
