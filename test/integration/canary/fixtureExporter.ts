/** A real local HTTP server whose /metrics body the test sets, to script exact exporter states. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureExporter {
  url: string;
  body: string;
  status: number;
  /** Delay before answering (ms), to test timeouts. */
  delayMs: number;
  requests: number;
  close(): Promise<void>;
}

export async function startExporter(body = ''): Promise<FixtureExporter> {
  const state = { body, status: 200, delayMs: 0, requests: 0 } as FixtureExporter;
  const server: Server = createServer((_req, res) => {
    state.requests++;
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(state.status, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(state.body);
    };
    if (state.delayMs > 0) setTimeout(answer, state.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Exposition text for a request counter by code and a latency histogram. */
export function exposition(counts: Record<string, number>, buckets: [string, number][] = [], extra = ''): string {
  const lines = ['# TYPE http_requests_total counter'];
  for (const [code, v] of Object.entries(counts)) lines.push(`http_requests_total{code="${code}",method="GET"} ${v}`);
  if (buckets.length) {
    lines.push('# TYPE http_request_duration_seconds histogram');
    for (const [le, v] of buckets) lines.push(`http_request_duration_seconds_bucket{le="${le}"} ${v}`);
  }
  return `${lines.join('\n')}\n${extra}`;
}

/** A port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
