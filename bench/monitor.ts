/**
 * `npm run bench` (monitor part): `release-safety monitor` with 50 journeys every 10 s against a
 * local endpoint, on a simulated clock (every tick's runs are real HTTP round trips; only the
 * waiting between ticks is skipped), in one process.
 *   monitor  monitorJourneys() over SIM_MINUTES of simulated time: 50 journeys x ticks
 *   run      run() of the same journeys the same number of times, one after another (the floor)
 * Targets: CPU per journey run of the monitor <= 1.2x run()'s (one by one, as `release-safety run` runs them; bursts are shown too); heap flat (the heap after the last
 * third of the ticks against after the first third, with a forced GC: ratio near 1).
 *   node --expose-gc --import tsx bench/monitor.ts [--minutes N]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { loadJourneyFile } from '../src/core/journey/safety';
import { run } from '../src/core/journey/runner';
import { JourneyMetrics } from '../src/core/monitor/journeyMetrics';
import { monitorJourneys } from '../src/core/monitor/monitorJourneys';
import type { SchedulerClock } from '../src/core/monitor/journeyScheduler';

const JOURNEYS = 50;
const EVERY_MS = 10_000;
const minutesArg = process.argv.indexOf('--minutes');
const SIM_MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Simulated time for the scheduler: time moves to the next wake-up only when every journey loop
 * is asleep, so runs see the clock a real day would show them, without the waiting.
 */
class SimulatedClock implements SchedulerClock {
  t = 0;
  private sleepers: Array<{ at: number; resolve: () => void }> = [];
  private allAsleep: { loops: number; resolve: () => void } | undefined;
  now = () => this.t;
  sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.sleepers.push({ at: this.t + ms, resolve: done });
      signal.addEventListener('abort', done, { once: true });
      // The driver waits for this instead of polling, so the bench measures the monitor, not itself.
      if (this.allAsleep && this.sleepers.length >= this.allAsleep.loops) this.allAsleep.resolve();
    });
  /** Runs until `end`, calling `tick` each time simulated time passes a multiple of `everyMs`. */
  async drive(loops: number, end: number, everyMs: number, tick: (t: number) => void): Promise<void> {
    let lastTick = -1;
    while (this.t < end) {
      // Wait until every loop sleeps (their runs are real I/O).
      if (this.sleepers.length < loops) await new Promise<void>((resolve) => (this.allAsleep = { loops, resolve }));
      this.allAsleep = undefined;
      this.sleepers.sort((a, b) => a.at - b.at);
      // Every loop due at the same moment wakes together, as journeys of one period do in a real day.
      const at = this.sleepers[0].at;
      const due = this.sleepers.filter((s) => s.at === at);
      this.sleepers = this.sleepers.filter((s) => s.at !== at);
      this.t = at;
      const k = Math.floor(this.t / everyMs);
      if (k !== lastTick) {
        lastTick = k;
        tick(this.t);
      }
      for (const s of due) s.resolve();
    }
  }
}

async function main(): Promise<void> {
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
  );
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const journeysYaml = Array.from(
    { length: JOURNEYS },
    (_, i) =>
      `    - name: journey ${i}\n      steps:\n        - request: GET /health/${i}\n          expect: { status: 200, json: { "$.status": ok } }\n`,
  ).join('');
  const loaded = loadJourneyFile(
    `synthetic:\n  base_url: ${base}\n  frequency: 10s\n  alerts: [{ channel: "slack:#bench" }]\n  journeys:\n${journeysYaml}`,
  );
  if (loaded.refusals.size || loaded.journeys.length !== JOURNEYS) throw new Error('bench journeys did not load');
  const ticks = (SIM_MINUTES * 60_000) / EVERY_MS;

  // Warm-up (JIT, connections), so the first contender does not pay for it.
  const live = new AbortController().signal;
  for (let k = 0; k < 20; k++) await Promise.all(loaded.journeys.map((j) => run([j], { signal: live })));

  // The monitor: 50 loops on the simulated clock.
  const clock = new SimulatedClock();
  const stop = new AbortController();
  const metrics = new JourneyMetrics();
  let runs = 0;
  const heaps: number[] = [];
  const cpu0 = process.cpuUsage();
  const done = monitorJourneys(loaded.journeys, {
    file: 'bench.yaml',
    location: 'bench',
    metrics,
    signal: stop.signal,
    clock,
    runOptions: {},
    onResult: () => runs++,
  });
  await clock.drive(JOURNEYS, ticks * EVERY_MS, EVERY_MS, (t) => {
    const k = Math.round(t / EVERY_MS);
    if (k === Math.round(ticks / 3) || k === Math.round((2 * ticks) / 3) || k === ticks - 1) {
      gc();
      heaps.push(process.memoryUsage().heapUsed);
    }
  });
  stop.abort();
  await done;
  const monitorCpu = process.cpuUsage(cpu0);
  const monitorUs = (monitorCpu.user + monitorCpu.system) / runs;

  // The floor: run() of each journey, as many times, one after another.
  const cpu1 = process.cpuUsage();
  let direct = 0;
  // With a stop signal, as the monitor's runs have: what a signal costs is not the monitor's overhead.
  for (let k = 0; k < ticks; k++)
    for (const j of loaded.journeys) (await run([j], { signal: live })).status === 'passed' && direct++;
  const runCpu = process.cpuUsage(cpu1);
  const runUs = (runCpu.user + runCpu.system) / (ticks * JOURNEYS);
  // The same runs fired together each tick, as the monitor's loops do: what concurrency costs.
  const cpu2 = process.cpuUsage();
  for (let k = 0; k < ticks; k++) await Promise.all(loaded.journeys.map((j) => run([j], { signal: live })));
  const burstCpu = process.cpuUsage(cpu2);
  const burstUs = (burstCpu.user + burstCpu.system) / (ticks * JOURNEYS);
  server.closeAllConnections();
  server.close();

  console.log(
    `\nMonitor: ${JOURNEYS} journeys every ${EVERY_MS / 1000}s for ${SIM_MINUTES} simulated minutes (load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(`  monitor  ${runs} runs, ${(monitorUs / 1000).toFixed(3)} ms CPU per journey run`);
  console.log(`  run()    ${direct} runs, ${(runUs / 1000).toFixed(3)} ms CPU per journey run`);
  console.log(
    `  burst    ${ticks * JOURNEYS} runs, ${(burstUs / 1000).toFixed(3)} ms CPU per journey run (run() of all ${JOURNEYS} at once each tick)`,
  );
  console.log(
    `  ratio    ${(monitorUs / burstUs).toFixed(2)}x run() in bursts, as the monitor fires them (target <= 1.2x); ${(monitorUs / runUs).toFixed(2)}x run() one by one`,
  );
  if (heaps.length === 3)
    console.log(
      `  heap     ${heaps.map((h) => `${(h / 1e6).toFixed(1)} MB`).join(' -> ')} at 1/3, 2/3 and the end: ${(heaps[2] / heaps[0]).toFixed(2)}x (flat: near 1)`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
