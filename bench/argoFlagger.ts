/**
 * `npm run bench` (part): lint of a multi-document Argo Rollouts / Flagger corpus against a bare
 * `yaml` parse of the same text, in one process. Target: lint <= 1.5x the parse. The corpus is
 * built from the real-world patterns of the schema tests (every Argo and Flagger kind, pod
 * templates, PromQL queries, a sprinkling of typos) plus unrelated Kubernetes documents; with
 * `--corpus DIR` it reads the *.yaml files of a folder instead (e.g. the one scripts/measure-corpus.mjs
 * measures), one file at a time as the CLI lints them.
 *   node --import tsx bench/argoFlagger.ts [--corpus DIR] [--runs N] [--warmup N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, availableParallelism } from 'node:os';
import { parseAllDocuments } from 'yaml';
import { lintText } from '../src/core/lint/engine';
import { parseFile } from '../src/core/parse/parseFile';
import {
  ARGO_BLUE_GREEN,
  ARGO_CANARY,
  ARGO_EXPERIMENT,
  ARGO_TEMPLATE,
  FLAGGER_ALERT_PROVIDER,
  FLAGGER_CANARY,
  FLAGGER_METRIC_TEMPLATE,
} from '../test/unit/rules/schema/argoFlaggerCases';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const RUNS = Number(arg('--runs') ?? 25);
// Ten rounds before measuring: with three, V8 was still compiling lint code in the background during
// the measured runs, charged to whichever side was running (ratios of one build ranged 1.16-1.68x).
const WARMUP = Number(arg('--warmup') ?? 10);

const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-N\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n  selector:\n    app: svc-N\n';

/** About 200 documents: each kind many times, names varied, one typo in twenty. */
function generatedCorpus(): string[] {
  const kinds = [
    ARGO_CANARY,
    ARGO_BLUE_GREEN,
    ARGO_TEMPLATE,
    ARGO_EXPERIMENT,
    FLAGGER_CANARY,
    FLAGGER_METRIC_TEMPLATE,
    FLAGGER_ALERT_PROVIDER,
    SERVICE,
  ];
  const files: string[] = [];
  for (let f = 0; f < 25; f++) {
    const docs = kinds.map((k, i) => {
      let d = k.replace(
        /name: (app|podinfo|success-rate|exp|svc-N|on-call|not-found-percentage)\b/,
        `name: $1-${f}-${i}`,
      );
      if ((f + i) % 20 === 0) d = d.replace('setWeight: 5', 'setWieght: 5').replace('threshold: 5', 'thresold: 5');
      return d;
    });
    files.push(docs.join('---\n'));
  }
  return files;
}

function corpusFromFolder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function cpuMs(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const used = process.cpuUsage(c);
  return (used.user + used.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const dir = arg('--corpus');
const files = dir ? corpusFromFolder(dir) : generatedCorpus();
const parseAll = () => {
  for (const t of files) parseAllDocuments(t);
};
const lintAll = () => {
  for (const t of files) lintText(t);
};
// Our own parse (the first part of lint), shown apart: part of the margin is a parse cheaper than
// yaml's own (kubeYaml.ts spares yaml its per-lexeme read of process.env), not a cheaper lint.
const ourParseAll = () => {
  for (const t of files) parseFile(t);
};
for (let i = 0; i < WARMUP; i++) {
  parseAll();
  lintAll();
  ourParseAll();
} // warm up: JIT, ajv's compiled validators
const parse: number[] = [];
const lint: number[] = [];
const ourParse: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // Alternated, so that GC, JIT and the machine's load hit both alike.
  parse.push(cpuMs(parseAll));
  lint.push(cpuMs(lintAll));
  ourParse.push(cpuMs(ourParseAll));
}
const p = median(parse);
const l = median(lint);
const ratio = l / p;
const lines = files.reduce((n, t) => n + t.split('\n').length, 0);
const findings = files.reduce((n, t) => n + lintText(t).findings.length, 0);
console.log(
  `\nArgo Rollouts / Flagger corpus (${dir ?? 'generated'}): ${files.length} files, ${lines} lines, ${findings} findings; node ${process.version}, load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores.`,
);
console.log(
  `  bare yaml parse: ${p.toFixed(1)} ms CPU, lint: ${l.toFixed(1)} ms CPU (medians of ${RUNS}) -> ${ratio.toFixed(2)}x; target <= 1.5x: ${ratio <= 1.5 ? 'met' : 'MISSED'}`,
);
const o = median(ourParse);
console.log(
  `  of which our parse: ${o.toFixed(1)} ms CPU (${(o / p).toFixed(2)}x the bare parse); the rules and schemas: ${(l - o).toFixed(1)} ms (${((l - o) / p).toFixed(2)}x)`,
);
