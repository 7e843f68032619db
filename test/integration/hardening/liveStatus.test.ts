/**
 * Live status against a Prometheus stand-in on 127.0.0.1 that is told how to fail: down
 * (connection refused), slow by seconds, HTTP 500, malformed JSON, NaN, +Inf, an empty vector.
 * Every failure gives `stale` or `inconclusive` (never `healthy`) with words that say why, and
 * the watcher comes back to a real verdict by itself once the stand-in answers again. A clock
 * jump (the machine's clock moved an hour) is judged from the data's age, not trusted blindly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PrometheusSource } from '../../../src/core/canary/prometheusSource';
import { CanaryWatcher } from '../../../src/core/canary/watcher';
import type { CanaryReading } from '../../../src/core/canary/reading';
import { metric, plan } from '../../unit/canary/planFixture';

type Mode = 'good' | 'breach' | 'slow' | '500' | 'malformed' | 'nan' | 'inf' | 'empty';

interface StandIn {
  url: string;
  mode: Mode;
  /** Seconds since the epoch reported as the last scrape time. */
  dataAt: () => number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function startStandIn(): Promise<StandIn> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let port = 0;
  let server: Server;
  const state: StandIn = {
    url: '',
    mode: 'good',
    dataAt: () => Date.now() / 1000,
    async start() {
      server = createServer((req, res) => {
        const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
        const vector = (v: string) =>
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, v] }] },
          });
        const send = (status: number, body: string) =>
          void res.writeHead(status, { 'content-type': 'application/json' }).end(body);
        const mode = state.mode;
        if (mode === 'slow') return void timers.add(setTimeout(() => send(200, vector('0')), 5000));
        if (mode === '500') return send(500, 'internal error: the TSDB is compacting');
        if (mode === 'malformed')
          return send(200, '{"status":"success","data":{"resultType":"vector","result":[{"value":[1,');
        if (query.includes('timestamp(')) return send(200, vector(String(state.dataAt())));
        if (query.includes('increase(')) return send(200, vector('1000'));
        if (mode === 'nan') return send(200, vector('NaN'));
        if (mode === 'inf') return send(200, vector('+Inf'));
        if (mode === 'empty')
          return send(200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
        return send(200, vector(mode === 'breach' ? '9' : '0.5'));
      });
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
      state.url = `http://127.0.0.1:${port}`;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  await state.start();
  return state;
}

const gates = [metric('gate', '<= 1', { unit: 'count', query: 'gate_value{{selector}}' })];
const canaryPlan = plan({ metrics: gates, minRequests: 10 });

function watcherFor(prom: StandIn, clock: () => number = Date.now) {
  const source = new PrometheusSource({
    url: prom.url,
    canary: '{track="canary"}',
    baseline: '{track="stable"}',
    metrics: gates,
    windowMs: 60_000,
    timeoutMs: 1000,
    clock,
  });
  return new CanaryWatcher(canaryPlan, source, { intervalMs: 15_000, clock });
}

test(
  'every way Prometheus can fail ends in stale or inconclusive with a reason, never healthy',
  { timeout: 120_000 },
  async (t) => {
    const prom = await startStandIn();
    t.after(() => prom.stop());
    const w = watcherFor(prom);
    assert.equal((await w.poll()).verdict, 'healthy', 'the stand-in starts healthy');

    const cases: Array<{ mode: Mode; verdict: string; says: RegExp }> = [
      { mode: 'slow', verdict: 'stale', says: /did not answer within 1s/ },
      { mode: '500', verdict: 'stale', says: /answered HTTP 500 without Prometheus JSON/ },
      { mode: 'malformed', verdict: 'stale', says: /without Prometheus JSON/ },
      { mode: 'nan', verdict: 'inconclusive', says: /gate/ },
      { mode: 'inf', verdict: 'inconclusive', says: /\+Inf/ },
      { mode: 'empty', verdict: 'inconclusive', says: /gate/ },
    ];
    for (const c of cases) {
      prom.mode = c.mode;
      const r = await w.poll();
      assert.equal(r.verdict, c.verdict, `${c.mode}: ${r.reason}`);
      assert.match(`${r.reason} ${r.source.error ?? ''}`, c.says, `${c.mode}: the reason says what happened`);
    }

    prom.mode = 'good';
    await prom.stop();
    // The first poll may still meet a pooled keep-alive socket that the stop closed.
    const going = await w.poll();
    assert.equal(going.verdict, 'stale');
    assert.match(going.source.error ?? '', /refused|closed the connection/);
    const down = await w.poll();
    assert.equal(down.verdict, 'stale');
    assert.match(down.source.error ?? '', /connection refused/);
    await prom.start();
    assert.equal((await w.poll()).verdict, 'healthy', 'back to a real verdict once Prometheus answers');
  },
);

test(
  'the watch loop recovers by itself: stale while Prometheus fails, then a real verdict again',
  { timeout: 120_000 },
  async (t) => {
    const prom = await startStandIn();
    t.after(() => prom.stop());
    prom.mode = '500';
    const source = new PrometheusSource({
      url: prom.url,
      canary: '{track="canary"}',
      baseline: '{track="stable"}',
      metrics: gates,
      windowMs: 60_000,
      timeoutMs: 2000,
    });
    const w = new CanaryWatcher(canaryPlan, source, { intervalMs: 50, maxBackoffMs: 200 });
    const seen: CanaryReading[] = [];
    w.onReading((r) => seen.push(r));
    const stop = new AbortController();
    t.after(() => stop.abort());
    const running = w.run(stop.signal);
    const waitFor = async (what: (r: CanaryReading) => boolean, label: string) => {
      const deadline = Date.now() + 60_000;
      while (!seen.some(what) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(seen.some(what), `${label}: readings were ${seen.map((r) => r.verdict).join(', ')}`);
    };
    await waitFor((r) => r.verdict === 'stale', 'stale while failing');
    const failing = seen.length;
    prom.mode = 'breach';
    await waitFor((r) => r.verdict === 'breach', 'a real verdict after recovery');
    stop.abort();
    await running;
    assert.ok(!seen.slice(0, failing).some((r) => r.verdict === 'healthy'), 'never healthy while failing');
  },
);

test('a clock jump: an hour ahead makes the data stale (not healthy); jumping back judges again', async (t) => {
  const prom = await startStandIn();
  t.after(() => prom.stop());
  let offset = 0;
  const w = watcherFor(prom, () => Date.now() + offset);
  assert.equal((await w.poll()).verdict, 'healthy');
  offset = 60 * 60 * 1000;
  const ahead = await w.poll();
  assert.equal(ahead.verdict, 'stale', ahead.reason);
  assert.match(ahead.reason, /old, older than two polls/);
  offset = -60 * 60 * 1000;
  const behind = await w.poll();
  // Data "from the future" is fresh data: judged, and no negative durations reach the panel.
  assert.equal(behind.verdict, 'healthy', behind.reason);
  assert.ok(behind.timeInStepMs === null || behind.timeInStepMs >= 0, `time in step ${behind.timeInStepMs}`);
  offset = 0;
  prom.mode = 'breach';
  assert.equal((await w.poll()).verdict, 'breach', 'after the clock settles, a breach is still seen');
});
