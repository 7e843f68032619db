/**
 * Hostile files through the built CLI, as CI would meet them: `node bin/release-safety lint FILE`
 * in a child process with a timeout and a heap cap. Each ends with exit 0, 1 or 2 and words on
 * stdout/stderr, never a stack trace, a signal or the timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostileFiles } from './hostileSet';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'release-safety');
const skip = existsSync(join(ROOT, 'dist', 'cli.js')) ? false : 'dist/cli.js is missing: run `npm run build` first';
const STACK = /\n\s+at .+[:(]\d+:\d+\)?|TypeError|RangeError|SyntaxError: |Maximum call stack|heap out of memory/;

/** Expected outcome per file: exit code and words the user must see. */
const EXPECT: Record<string, { code: number; says: RegExp }> = {
  'alias-bomb.yaml': { code: 1, says: /alias-bomb\.yaml/ },
  'eighty-thousand-lines.yaml': { code: 0, says: /eighty-thousand-lines\.yaml/ },
  'fifty-mb.yaml': { code: 1, says: /The file is 50 MB; Release Safety checks files up to 8 MB\. Split it/ },
  'deep-flow.yaml': { code: 1, says: /nested more than 500 levels deep here.*Flatten it/ },
  'deep-block.yaml': { code: 1, says: /nested more than 500 levels deep here/ },
  'binary.yaml': { code: 1, says: /This is a binary file, not YAML text/ },
  'latin1.yaml': { code: 1, says: /not UTF-8 text\. Save it as UTF-8/ },
  'crlf.yaml': { code: 0, says: /No problems|1 file/ },
  'tabs.yaml': { code: 1, says: /tabs?/i },
  'empty.yaml': { code: 0, says: /./ },
  'comments.yaml': { code: 0, says: /./ },
  'bom.yaml': { code: 0, says: /./ },
  'bidi.yaml': { code: 0, says: /./ },
  'bidi-synthetic.yaml': { code: 0, says: /./ },
};

test(
  'every hostile file ends in a clear message and exit code 0, 1 or 2 from the real binary',
  { skip, timeout: 600_000 },
  (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-hostile-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const files = hostileFiles();
    assert.deepEqual(
      files.map((f) => f.file).sort(),
      Object.keys(EXPECT).sort(),
      'every hostile file has an expectation',
    );
    for (const f of files) writeFileSync(join(dir, f.file), f.bytes);
    files.length = 0;
    const problems: string[] = [];
    for (const [file, want] of Object.entries(EXPECT)) {
      const started = Date.now();
      // A heap cap makes "bounded memory" a property: an expanded bomb would die here, not pass.
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, 'lint', file], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out = `${r.stdout}${r.stderr}`;
      t.diagnostic(`${file}: exit ${r.status} in ${Date.now() - started} ms`);
      if (r.signal !== null) problems.push(`${file}: killed by ${r.signal} (timeout or memory)`);
      else if (STACK.test(out))
        problems.push(`${file}: a stack trace or crash reached the user:\n${out.slice(0, 2000)}`);
      else if (r.status !== want.code)
        problems.push(`${file}: exit ${r.status}, expected ${want.code}\n${out.slice(0, 1000)}`);
      else if (!want.says.test(out))
        problems.push(`${file}: output does not say what happened (${want.says}):\n${out.slice(0, 1000)}`);
    }
    assert.deepEqual(problems, []);
  },
);
