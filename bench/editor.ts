/**
 * `npm run bench` (editor part): what completion, hover and the CodeLens cost on a 1,000-line
 * multi-document file, as ratios to a bare `yaml` parse of the same text in the same process (each
 * of them parses the file once; hover and lenses also build the canary plan or synthetic model).
 * Target: each within 3x the bare parse, so they stay as cheap as the lint that runs on every change.
 *   node --import tsx bench/editor.ts
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseAllDocuments } from 'yaml';
import { completeAt } from '../src/core/completion/completeAt';
import { nativeSchemas } from '../src/core/completion/nativeSchemas';
import { hoverAt } from '../src/core/describe/hoverAt';
import { lensesFor } from '../src/core/describe/codeLenses';
import { generateRolloutFile } from './generateRolloutFile';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** CPU ms per call (less disturbed than wall time when other work shares the machine). */
function cpuPerCall(fn: () => void, k = 10): number {
  const c = process.cpuUsage();
  for (let i = 0; i < k; i++) fn();
  const used = process.cpuUsage(c);
  return (used.user + used.system) / 1000 / k;
}

const { text } = generateRolloutFile(1_000);
const schemas = nativeSchemas();
// Cursors in the middle of the file: a value of on_failure, and a threshold.
const mid = text.length >> 1;
const valueAt = text.indexOf('on_failure: ', mid) + 'on_failure: '.length;
const thresholdAt = text.indexOf('baseline *', mid) + 2;
const tasks: Array<[string, () => void]> = [
  ['bare parse', () => parseAllDocuments(text)],
  ['completion (on_failure value)', () => completeAt(text, valueAt, schemas)],
  ['hover (threshold)', () => hoverAt(text, thresholdAt, undefined, schemas)],
  ['CodeLens (whole file)', () => lensesFor(text)],
];
if (completeAt(text, valueAt, schemas).length === 0 || !hoverAt(text, thresholdAt, undefined, schemas)) {
  throw new Error('the benchmark cursors do not land on a value and a threshold: adjust them to the generated file');
}
for (const [, fn] of tasks) for (let i = 0; i < 3; i++) fn();
const samples = new Map<string, number[]>(tasks.map(([n]) => [n, []]));
// Interleaved so that load and GC hit every task alike.
for (let b = 0; b < 21; b++) for (const [name, fn] of tasks) samples.get(name)!.push(cpuPerCall(fn));
const parse = median(samples.get('bare parse')!);
console.log(
  `\nRelease Safety editor benchmark: ${text.split('\n').length - 1}-line multi-document file, median CPU ms per call (load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores).`,
);
for (const [name] of tasks) {
  const ms = median(samples.get(name)!);
  const ratio = ms / parse;
  console.log(
    `  ${name.padEnd(32)} ${ms.toFixed(2).padStart(7)} ms  ${ratio.toFixed(2)}x parse${name === 'bare parse' ? '' : `  target <= 3x: ${ratio <= 3 ? 'met' : 'MISSED'}`}`,
  );
}
