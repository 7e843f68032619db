/**
 * `npm run bench` (journeys part): 200 sequential API steps against a local server, in one process.
 *   runner   run() of one journey of 200 `request:` steps, each with a status and a JSONPath expectation
 *   fetch    a bare loop of 200 fetch() + body read + JSON.parse + status/id check (the floor)
 *   newman   newman.run() of the equivalent Postman collection (same checks as pm.test scripts),
 *            loaded in this process from ~/.cache/release-safety/newman (installed on first use
 *            from the npm registry; it is 150 packages, so it is not a project dependency)
 * Target: runner <= 1.2x the fetch loop, and faster than newman. Rounds alternate the
 * contenders so the machine's load hits them alike; medians are printed. Exits 0 either way.
 *   node --import tsx bench/journeys.ts [--rounds N] [--no-newman]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { homedir, loadavg, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadJourneyFile } from '../src/core/journey/safety';
import { run } from '../src/core/journey/runner';

const STEPS = 200;
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 11;
const WITH_NEWMAN = !process.argv.includes('--no-newman');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function startServer(): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const id = Number(/^\/api\/item\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    const body = JSON.stringify({ id, name: `item ${id}`, price: 9.99, tags: ['a', 'b'] });
    res
      .writeHead(id >= 0 ? 200 : 404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      .end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function journeyYaml(base: string): string {
  const steps = Array.from(
    { length: STEPS },
    (_, i) => `        - request: GET /api/item/${i}\n          expect: { status: 200, json: { "$.id": ${i} } }\n`,
  ).join('');
  return `synthetic:\n  base_url: ${base}\n  alerts: [{ channel: "slack:#bench" }]\n  journeys:\n    - name: bench\n      steps:\n${steps}`;
}

async function fetchLoop(base: string): Promise<void> {
  for (let i = 0; i < STEPS; i++) {
    const res = await fetch(`${base}/api/item/${i}`);
    const data = JSON.parse(await res.text()) as { id: number };
    if (res.status !== 200 || data.id !== i) throw new Error(`fetch loop: unexpected answer at ${i}`);
  }
}

function postmanCollection(base: string): unknown {
  return {
    info: { name: 'bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Array.from({ length: STEPS }, (_, i) => ({
      name: `item ${i}`,
      request: { method: 'GET', url: `${base}/api/item/${i}` },
      event: [
        {
          listen: 'test',
          script: {
            exec: [
              `pm.test('status', () => pm.response.to.have.status(200));`,
              `pm.test('id', () => pm.expect(pm.response.json().id).to.eql(${i}));`,
            ],
          },
        },
      ],
    })),
  };
}

type NewmanRun = (
  options: Record<string, unknown>,
  cb: (err: Error | null, summary: { run: { failures: unknown[] } }) => void,
) => void;

/** newman from the bench cache, installed there on first use; undefined (with why) when it cannot be. */
function loadNewman(): { run: NewmanRun } | string {
  const dir = join(process.env.RELEASE_SAFETY_CACHE ?? join(homedir(), '.cache', 'release-safety'), 'newman');
  const entry = join(dir, 'node_modules', 'newman');
  if (!existsSync(entry)) {
    try {
      mkdirSync(dir, { recursive: true });
      if (!existsSync(join(dir, 'package.json')))
        writeFileSync(join(dir, 'package.json'), '{"name":"bench-newman","private":true}\n');
      console.error(`[bench] installing newman@6 from the npm registry into ${dir} (once; about 2 minutes)`);
      execFileSync('npm', ['i', '--no-audit', '--no-fund', 'newman@6'], {
        cwd: dir,
        stdio: 'ignore',
        timeout: 600_000,
      });
    } catch (e) {
      return `newman could not be installed (${(e as Error).message.split('\n')[0]})`;
    }
  }
  try {
    return { run: (createRequire(join(dir, 'package.json'))('newman') as { run: NewmanRun }).run };
  } catch (e) {
    return `newman did not load (${(e as Error).message.split('\n')[0]})`;
  }
}

function newmanOnce(newman: { run: NewmanRun }, collection: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    newman.run({ collection, reporters: [], insecureFileRead: false }, (err, summary) => {
      if (err) reject(err);
      else if (summary.run.failures.length) reject(new Error(`newman: ${summary.run.failures.length} failures`));
      else resolve();
    }),
  );
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    const loaded = loadJourneyFile(journeyYaml(server.base));
    const journeys = loaded.journeys;
    if (journeys.length !== 1 || journeys[0].steps.length !== STEPS || loaded.refusals.size)
      throw new Error('bench journey did not build');
    const runner = async () => {
      const r = await run(journeys);
      if (r.status !== 'passed') throw new Error(`runner: ${JSON.stringify(r.journeys[0].error)}`);
    };
    const newman = WITH_NEWMAN ? loadNewman() : 'skipped (--no-newman)';
    const collection = postmanCollection(server.base);
    const contenders: Array<[string, () => Promise<void>]> = [
      ['fetch loop', () => fetchLoop(server.base)],
      ['runner', runner],
      ...(typeof newman === 'string'
        ? []
        : [['newman', () => newmanOnce(newman, collection)] as [string, () => Promise<void>]]),
    ];
    // Warm-up: undici's first connection, JIT, newman's module graph.
    for (const [, fn] of contenders) await fn();
    // Wall time is what a user waits; CPU time of this process (server included, same for all)
    // is what the code costs, and is far less disturbed when other work shares the machine.
    const wall = new Map<string, number[]>(contenders.map(([n]) => [n, []]));
    const cpu = new Map<string, number[]>(contenders.map(([n]) => [n, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, fn] of round % 2 ? [...contenders].reverse() : contenders) {
        const c = process.cpuUsage();
        const t = performance.now();
        await fn();
        wall.get(name)!.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.get(name)!.push((used.user + used.system) / 1000);
      }
    }
    const floorWall = median(wall.get('fetch loop')!);
    const floorCpu = median(cpu.get('fetch loop')!);
    const runnerCpu = median(cpu.get('runner')!);
    const runnerWall = median(wall.get('runner')!);
    console.log(
      `\nJourney runner: ${STEPS} sequential GET steps against 127.0.0.1, median of ${ROUNDS} alternating rounds (load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
    );
    const rows = [['contender', 'wall ms', 'cpu ms', 'cpu ms / step', 'wall vs fetch', 'cpu vs fetch', 'target']];
    for (const [name] of contenders) {
      const w = median(wall.get(name)!);
      const c = median(cpu.get(name)!);
      const target =
        name === 'runner'
          ? c / floorCpu <= 1.2
            ? '<= 1.2x: met'
            : '<= 1.2x: MISSED'
          : name === 'newman'
            ? runnerCpu < c && runnerWall < w
              ? 'runner faster: met'
              : 'runner faster: MISSED'
            : 'baseline';
      rows.push([
        name,
        w.toFixed(1),
        c.toFixed(1),
        (c / STEPS).toFixed(3),
        `${(w / floorWall).toFixed(2)}x`,
        `${(c / floorCpu).toFixed(2)}x`,
        target,
      ]);
    }
    if (typeof newman === 'string') rows.push(['newman', '-', '-', '-', '-', '-', newman]);
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  } finally {
    await server.close();
  }
}

main().catch((e) => {
  console.error(`bench/journeys: ${(e as Error).message}`);
  process.exitCode = 1;
});
