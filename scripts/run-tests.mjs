// Runs the node:test suites written in TypeScript (through tsx), so CI reads node's own summary.
// Usage: node scripts/run-tests.mjs [unit|integration ...]   (default: unit and integration)
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'integration'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.test\.ts$/.test(name)) files.push(p);
  }
}
for (const s of suites) if (existsSync(join('test', s))) walk(join('test', s));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// A UI file starts a whole code-server and Chromium of its own before its first test: on a loaded
// 2-core machine that alone can take a minute, so its files get a longer limit than the others.
const timeout = suites.includes('ui') ? 300_000 : 120_000;
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${timeout}`, ...files.sort()],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
