/**
 * `npm run bench` (analyze part): one `release-safety analyze` of an AnalysisTemplate with 4
 * metrics against a real Prometheus (Debian's, scraping a local exporter), against the bare HTTP
 * round trips of the same 4 queries sent at once with fetch. Target: analyze within 1.5x.
 * Runs alternate so that the machine's load hits both alike. Exits 0 either way (numbers, not a gate).
 *   node --import tsx bench/analyze.ts [--runs N]
 */
import { performance } from 'node:perf_hooks';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main';
import { hasPrometheus, startPrometheus, waitForData } from '../test/integration/canary/prometheusServer';
import { startMeshExporter } from '../test/integration/analysis/meshExporter';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;

const QUERIES = [
  'sum(rate(istio_requests_total{reporter="destination",destination_workload="podinfo",response_code!~"5.*"}[10s])) / sum(rate(istio_requests_total{reporter="destination",destination_workload="podinfo"}[10s]))',
  'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{destination_workload="podinfo"}[10s])) by (le))',
  'sum(rate(http_requests_total{code=~"5.."}[10s]))',
  'sum by (code) (rate(http_requests_total[10s]))',
];
const CONDITIONS = [
  'result[0] >= 0.95',
  'result[0] <= 500',
  'len(result) == 0 || result[0] < 10',
  'all(result, {# >= 0})',
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function benchmark(): Promise<void> {
  if (!hasPrometheus) {
    console.log(
      'analyze bench: skipped, /usr/bin/prometheus is not installed (scripts/ensure-system-deps.sh installs it).',
    );
    return;
  }
  const exporter = await startMeshExporter([
    { namespace: 'test', name: 'podinfo', rps: 100, errorRate: 1, latencyMs: 40 },
  ]);
  const prom = await startPrometheus([{ address: exporter.address, labels: {} }]);
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-analyze-'));
  try {
    await waitForData(prom.url, 'count_over_time(istio_requests_total[10s]) >= 3');
    const metrics = QUERIES.map(
      (q, i) =>
        `    - name: m${i}\n      successCondition: "${CONDITIONS[i]}"\n      provider:\n        prometheus:\n          address: ${prom.url}\n          query: '${q}'\n`,
    ).join('');
    writeFileSync(
      join(dir, 'template.yaml'),
      `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: four\nspec:\n  metrics:\n${metrics}`,
    );
    const io = {
      out: () => undefined,
      err: (s: string) => void process.stderr.write(s),
      cwd: dir,
      env: {},
      isTTY: false,
    };
    const analyzeOnce = async () => {
      const code = await main(['analyze', 'template.yaml', '--format', 'json'], io);
      if (code !== 0) throw new Error(`analyze exited ${code}`);
    };
    const bareOnce = async () => {
      await Promise.all(
        QUERIES.map(async (q) =>
          (
            await fetch(
              `${prom.url}/api/v1/query?query=${encodeURIComponent(q)}&time=${(Date.now() / 1000).toFixed(3)}`,
            )
          ).text(),
        ),
      );
    };
    for (let i = 0; i < 5; i++) {
      await analyzeOnce();
      await bareOnce();
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await bareOnce();
      b.push(performance.now() - t);
      t = performance.now();
      await analyzeOnce();
      a.push(performance.now() - t);
    }
    // Each analyze runs right after its bare twin: the ratio of a pair sees the same momentary load.
    const ratio = median(a.map((x, i) => x / b[i]!));
    console.log(
      `\nRelease Safety analyze benchmark: node ${process.version}, ${RUNS} alternating runs, load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores.`,
    );
    console.log('| what | median ms | target |');
    console.log('|------|-----------|--------|');
    console.log(`| 4 bare Prometheus round trips (fetch, at once) | ${median(b).toFixed(2)} | baseline |`);
    console.log(
      `| release-safety analyze (read, parse, resolve, 4 queries, judge, JSON) | ${median(a).toFixed(2)} | <= 1.5x (median of paired ratios): ${ratio.toFixed(2)}x ${ratio <= 1.5 ? 'met' : 'MISSED'} |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await prom.stop();
    await exporter.close();
  }
}

void benchmark();
