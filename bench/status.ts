/**
 * `npm run bench` (live status part): the cost of one canary reading with the scrape source, two
 * endpoints of 5,000 series each, parsed and evaluated; and memory after 2,000 readings against
 * after 100 (target: flat, the history ring and the kept series are bounded).
 *   node --expose-gc --import tsx bench/status.ts [--readings N]
 * Prints a table; exits 0 either way (numbers, not a gate).
 */
import { performance } from 'node:perf_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { parseExposition } from '../src/core/canary/exposition';
import { ScrapeWindow } from '../src/core/canary/scrapeWindow';
import { ScrapeSource } from '../src/core/canary/scrapeSource';
import { CanaryEvaluator } from '../src/core/canary/evaluator';
import { ReadingHistory } from '../src/core/canary/history';
import { fitThresholdToUnit, parseThreshold } from '../src/core/model/threshold';
import { wellKnownMetric } from '../src/core/model/metrics';
import type { CanaryPlan, PlanMetric } from '../src/core/plan/canaryPlan';

const SERIES = 5000;
const HANDLERS = 40;
const CODES = ['200', '201', '404', '500', '503'];
const LE = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.075',
  '0.1',
  '0.15',
  '0.2',
  '0.25',
  '0.3',
  '0.4',
  '0.5',
  '0.75',
  '1',
  '2.5',
  '5',
  '10',
  '+Inf',
];
const CDF = [0.001, 0.005, 0.02, 0.15, 0.3, 0.5, 0.7, 0.8, 0.86, 0.9, 0.95, 0.97, 0.99, 0.995, 0.999, 1, 1, 1];

/** A realistic /metrics body: gate series among many unrelated ones, counters moving with `tick`. */
function metricsBody(track: 'canary' | 'stable', tick: number): string {
  const rps = track === 'canary' ? 25 : 75;
  const lines: string[] = ['# HELP http_requests_total Requests.', '# TYPE http_requests_total counter'];
  for (let h = 0; h < HANDLERS; h++) {
    for (const code of CODES) {
      const share = code === '200' ? 0.9 : code === '201' ? 0.08 : code === '404' ? 0.015 : 0.0025;
      lines.push(
        `http_requests_total{handler="/api/h${h}",method="GET",code="${code}"} ${Math.floor((1000 + tick * rps) * share)}`,
      );
    }
  }
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (let h = 0; h < HANDLERS; h++) {
    const count = 1000 + tick * rps;
    LE.forEach((le, i) =>
      lines.push(`http_request_duration_seconds_bucket{handler="/api/h${h}",le="${le}"} ${Math.floor(count * CDF[i])}`),
    );
    lines.push(`http_request_duration_seconds_sum{handler="/api/h${h}"} ${(count * 0.12).toFixed(3)}`);
    lines.push(`http_request_duration_seconds_count{handler="/api/h${h}"} ${count}`);
  }
  lines.push('# TYPE app_cache_entries gauge');
  let i = 0;
  while (lines.length - 4 < SERIES)
    lines.push(`app_cache_entries{shard="${i % 97}",region="r${i % 7}",instance="pod-${i++}"} ${(i * 7919) % 10007}`);
  return `${lines.join('\n')}\n`;
}

function metric(name: string, threshold: string): PlanMetric {
  const ref = { offset: 0, length: 0 };
  const unit = wellKnownMetric(name)!.unit;
  const parsed = parseThreshold(threshold);
  if (!parsed.ok) throw new Error(parsed.error);
  const fitted = fitThresholdToUnit(parsed.threshold, unit);
  if (!fitted.ok) throw new Error(fitted.error);
  return {
    name,
    ref,
    unit,
    threshold: { text: threshold, ref, parsed: fitted.threshold },
    builtin: true,
    watchesErrors: name.includes('rate'),
  };
}

const ref = { offset: 0, length: 0 };
const PLAN: CanaryPlan = {
  format: 'native',
  docIndex: 0,
  anchor: ref,
  service: 'bench',
  steps: [1, 5, 25, 50, 100].map((weight) => ({ weight, ref })),
  interval: { text: '5m', ms: 300_000, ref },
  metrics: [
    metric('error-rate', '<= 1%'),
    metric('p50-latency', '<= baseline * 1.1'),
    metric('p99-latency', '<= 2s'),
    metric('throughput', '>= 1 req/s'),
  ],
  rollback: { automated: true },
  alerts: [],
  failureLimit: 1,
  minRequests: 100,
  pauses: [],
};
const POLL_MS = 15_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** In-process: what the extension host pays per poll besides the network. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

function inProcess(readings: number): {
  reading: number;
  parse: number;
  readingCpu: number;
  parseCpu: number;
  verdicts: Set<string>;
} {
  const window = new ScrapeWindow({ metrics: PLAN.metrics });
  const evaluator = new CanaryEvaluator(PLAN, {
    pollIntervalMs: POLL_MS,
    source: { kind: 'scrape', description: 'bench' },
  });
  const reading: number[] = [];
  const parse: number[] = [];
  const readingCpu: number[] = [];
  const parseCpu: number[] = [];
  const verdicts = new Set<string>();
  for (let tick = 0; tick < readings; tick++) {
    const canary = metricsBody('canary', tick * 15);
    const stable = metricsBody('stable', tick * 15);
    const at = tick * POLL_MS;
    let t = performance.now();
    let c = process.cpuUsage();
    parseExposition(canary);
    parseExposition(stable);
    parse.push(performance.now() - t);
    parseCpu.push(cpuMs(c));
    t = performance.now();
    c = process.cpuUsage();
    const r = evaluator.evaluate({ ok: true, sample: window.next(canary, stable, at) }, at);
    reading.push(performance.now() - t);
    readingCpu.push(cpuMs(c));
    if (tick > 0) verdicts.add(r.verdict);
  }
  return {
    reading: median(reading.slice(10)),
    parse: median(parse.slice(10)),
    readingCpu: median(readingCpu.slice(10)),
    parseCpu: median(parseCpu.slice(10)),
    verdicts,
  };
}

/** Over loopback HTTP with the real ScrapeSource (the servers build their bodies in this process too). */
async function overHttp(readings: number): Promise<number> {
  let tick = 0;
  const servers: Server[] = [];
  const serve = async (track: 'canary' | 'stable') => {
    const s = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(metricsBody(track, tick * 15));
    });
    servers.push(s);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}/metrics`;
  };
  const source = new ScrapeSource({
    canary: await serve('canary'),
    baseline: await serve('stable'),
    metrics: PLAN.metrics,
  });
  const evaluator = new CanaryEvaluator(PLAN, {
    pollIntervalMs: POLL_MS,
    source: { kind: 'scrape', description: 'bench' },
  });
  const times: number[] = [];
  for (; tick < readings; tick++) {
    const t = performance.now();
    evaluator.evaluate({ ok: true, sample: await source.read() }, Date.now());
    times.push(performance.now() - t);
  }
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  return median(times.slice(5));
}

/** The watcher's pipeline (window, evaluator, bounded history) for many readings. */
function memory(total: number, early: number): { early: number; late: number } {
  const window = new ScrapeWindow({ metrics: PLAN.metrics });
  const evaluator = new CanaryEvaluator(PLAN, {
    pollIntervalMs: POLL_MS,
    source: { kind: 'scrape', description: 'bench' },
  });
  const history = new ReadingHistory(360);
  let atEarly = 0;
  for (let tick = 0; tick < total; tick++) {
    const at = tick * POLL_MS;
    history.push(
      evaluator.evaluate(
        { ok: true, sample: window.next(metricsBody('canary', tick * 15), metricsBody('stable', tick * 15), at) },
        at,
      ),
    );
    if (tick + 1 === early) atEarly = heapMb();
  }
  return { early: atEarly, late: heapMb() };
}

async function mainBench(): Promise<void> {
  const arg = process.argv.indexOf('--readings');
  const total = arg > 0 ? Number(process.argv[arg + 1]) : 2000;
  const body = metricsBody('canary', 1);
  const series = parseExposition(body).samples.length;
  const p = inProcess(200);
  const http = await overHttp(40);
  const mem = memory(total, 100);
  const ratio = mem.late / mem.early;
  console.log(
    `\nRelease Safety live status benchmark: node ${process.version}, medians; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores.`,
  );
  console.log(
    `Two endpoints of ${series} series each (${(body.length / 1024).toFixed(0)} KB per body), ${PLAN.metrics.length} gates; verdicts seen: ${[...p.verdicts].join(', ')}.\n`,
  );
  const rows = [
    ['measure', 'value', 'note'],
    [
      'one reading, parse + evaluate (in process)',
      `${p.reading.toFixed(2)} ms (cpu ${p.readingCpu.toFixed(2)})`,
      `full parse of both bodies ${p.parse.toFixed(2)} ms (cpu ${p.parseCpu.toFixed(2)}): reading/parse ${(p.readingCpu / p.parseCpu).toFixed(2)}x`,
    ],
    [
      'one reading over loopback HTTP',
      `${http.toFixed(2)} ms`,
      'includes both fetches (bodies generated in this process)',
    ],
    [`heap after 100 readings`, `${mem.early.toFixed(1)} MB`, gc ? 'after gc()' : 'no --expose-gc: without gc, noisy'],
    [
      `heap after ${total} readings`,
      `${mem.late.toFixed(1)} MB`,
      `ratio ${ratio.toFixed(2)} (target flat, <= 1.10: ${ratio <= 1.1 ? 'met' : 'MISSED'})`,
    ],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((x, c) => x.padEnd(widths[c])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

void mainBench();
