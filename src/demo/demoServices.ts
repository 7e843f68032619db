/**
 * The two local demo services (stable and canary) behind `npm start`: each serves `/metrics` from
 * the shared simulated traffic, and a small control API lets a newcomer break the canary and
 * watch the verdict turn to breach:
 *   POST /control/error-rate?value=8     this track's 5xx percent (0..100)
 *   POST /control/latency?value=400      this track's median latency in ms
 *   POST /control/weight?value=50        the canary's share of traffic (either service)
 *   GET  /control                        the current settings as JSON
 * Bound to 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoTraffic, type Track, type TrafficSettings } from './demoTraffic';

export const DEFAULT_STABLE_PORT = 9101;
export const DEFAULT_CANARY_PORT = 9102;

export interface DemoServicesOptions {
  /** 0 picks a free port (tests). */
  stablePort?: number;
  canaryPort?: number;
  traffic?: Partial<TrafficSettings>;
  clock?: () => number;
  seed?: number;
}

export interface DemoService {
  track: Track;
  port: number;
  url: string;
  metricsUrl: string;
}

export interface DemoServices {
  stable: DemoService;
  canary: DemoService;
  traffic: DemoTraffic;
  close(): Promise<void>;
}

export async function startDemoServices(options: DemoServicesOptions = {}): Promise<DemoServices> {
  const traffic = new DemoTraffic(options.traffic, options.clock, options.seed);
  const servers: Server[] = [];
  const start = async (track: Track, port: number): Promise<DemoService> => {
    const server = createServer((req, res) => handle(track, traffic, req, res));
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const actual = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${actual}`;
    return { track, port: actual, url, metricsUrl: `${url}/metrics` };
  };
  const close = async () => {
    await Promise.all(
      servers.map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))),
    );
    for (const s of servers) s.closeAllConnections?.();
  };
  try {
    const stable = await start('stable', options.stablePort ?? DEFAULT_STABLE_PORT);
    const canary = await start('canary', options.canaryPort ?? DEFAULT_CANARY_PORT);
    return { stable, canary, traffic, close };
  } catch (e) {
    await close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new Error(
        `A demo port is already in use (${(e as Error).message}); stop the other process or set RELEASE_SAFETY_DEMO_STABLE_PORT / RELEASE_SAFETY_DEMO_CANARY_PORT.`,
      );
    throw e;
  }
}

function handle(track: Track, traffic: DemoTraffic, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
    traffic.advance();
    return send(200, 'text/plain; version=0.0.4; charset=utf-8', traffic.render(track));
  }
  if (url.pathname === '/control' && req.method === 'GET')
    return send(200, 'application/json', JSON.stringify({ track, settings: traffic.settings }));
  if (url.pathname.startsWith('/control/')) {
    if (req.method !== 'POST') return send(405, 'text/plain', 'Use POST to change the demo.\n');
    const raw = url.searchParams.get('value');
    const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
    const what = url.pathname.slice('/control/'.length);
    // Settle the traffic so far under the old settings before changing them.
    traffic.advance();
    if (what === 'error-rate' && value >= 0 && value <= 100) traffic.settings[track].errorRate = value;
    else if (what === 'latency' && value > 0 && value <= 60_000) traffic.settings[track].latencyMs = value;
    else if (what === 'weight' && value >= 0 && value <= 100) traffic.settings.canaryWeight = value;
    else
      return send(
        400,
        'text/plain',
        `Unknown control or value out of range: POST /control/error-rate?value=0..100, /control/latency?value=MS or /control/weight?value=0..100.\n`,
      );
    return send(200, 'application/json', JSON.stringify({ track, settings: traffic.settings }));
  }
  if (url.pathname === '/')
    return send(
      200,
      'text/plain',
      `Release Safety demo service (${track}). Metrics at /metrics; controls at /control.\n`,
    );
  return send(404, 'text/plain', 'Not found.\n');
}
