#!/usr/bin/env node
// Lints a folder of real-world YAML with the built CLI and counts the findings per rule, so a
// change to the parser, the schemas or a rule can be judged on real files before and after.
//
//   npm run build && node scripts/measure-corpus.mjs /tmp/corpus [--json out.json] [--examples N]
//
// Prints: files linted, files with findings, findings per rule (and per severity), and for each
// rule up to N example findings (file:line message) to judge by hand whether they are true.
// `--json FILE` also writes the counts, for comparing two runs with `--compare FILE`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const folder = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
if (!folder || !existsSync(folder)) {
  console.error(
    'Usage: node scripts/measure-corpus.mjs FOLDER [--json OUT.json] [--compare BEFORE.json] [--examples N]',
  );
  process.exit(2);
}
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'release-safety');
const run = spawnSync(process.execPath, [cli, 'lint', resolve(folder), '--format', 'json'], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
  cwd: resolve(folder),
});
if (run.status === 2 && !run.stdout.trim().startsWith('[')) {
  console.error(run.stderr);
  process.exit(2);
}
const findings = JSON.parse(run.stdout);
const files = countYamlFiles(resolve(folder));
const perRule = {};
const examples = {};
for (const f of findings) {
  const key = `${f.rule} (${f.severity})`;
  perRule[key] = (perRule[key] ?? 0) + 1;
  (examples[key] ??= []).push(`${relative(resolve(folder), resolve(folder, f.file))}:${f.line} ${f.message}`);
}
const withFindings = new Set(findings.map((f) => f.file)).size;
console.log(`files: ${files}, files with findings: ${withFindings}, findings: ${findings.length}`);
const before = option('--compare') ? JSON.parse(readFileSync(option('--compare'), 'utf8')).perRule : undefined;
const keys = [...new Set([...Object.keys(perRule), ...Object.keys(before ?? {})])].sort();
for (const k of keys)
  console.log(
    `  ${k.padEnd(44)} ${before ? `${String(before[k] ?? 0).padStart(5)} -> ` : ''}${String(perRule[k] ?? 0).padStart(5)}`,
  );
const n = Number(option('--examples') ?? 0);
if (n > 0) {
  for (const k of Object.keys(examples).sort()) {
    console.log(`\n${k}:`);
    for (const line of examples[k].slice(0, n)) console.log(`  ${line.slice(0, 220)}`);
  }
}
const stderrLines = run.stderr.split('\n').filter((l) => /rule failed/.test(l));
if (stderrLines.length)
  console.log(`\nrule failures (bugs): ${stderrLines.length}\n${stderrLines.slice(0, 5).join('\n')}`);
if (option('--json'))
  writeFileSync(option('--json'), JSON.stringify({ files, withFindings, total: findings.length, perRule }, null, 2));

function countYamlFiles(dir) {
  const r = spawnSync('find', [dir, '-type', 'f', '(', '-name', '*.yaml', '-o', '-name', '*.yml', ')'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return r.stdout.split('\n').filter(Boolean).length;
}
