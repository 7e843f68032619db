/**
 * A real local exporter whose series carry the names that Argo's examples and Flagger's built-in
 * Istio queries read: `istio_requests_total` (reporter, destination_workload,
 * destination_workload_namespace, destination_service, response_code) and
 * `istio_request_duration_milliseconds_bucket`, plus `http_requests_total{service, code}`.
 * Counters advance with the clock at each scrape, so Prometheus' rate() sees steady traffic
 * whose error rate and latency the test sets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Workload {
  namespace: string;
  name: string;
  rps: number;
  /** Percent of requests answered 500. */
  errorRate: number;
  latencyMs: number;
}

interface Counters {
  ok: number;
  errors: number;
  /** Cumulative count per bucket (BUCKETS_MS, then +Inf). */
  buckets: number[];
  sumMs: number;
}

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

export interface MeshExporter {
  address: string;
  workloads: Workload[];
  close(): Promise<void>;
}

export async function startMeshExporter(workloads: Workload[]): Promise<MeshExporter> {
  const counters = new Map<Workload, Counters>(
    workloads.map((w) => [w, { ok: 0, errors: 0, buckets: BUCKETS_MS.map(() => 0).concat(0), sumMs: 0 }]),
  );
  let last = Date.now();
  const advance = () => {
    const now = Date.now();
    const dt = Math.max(0, (now - last) / 1000);
    last = now;
    for (const w of workloads) {
      const c = counters.get(w)!;
      const n = w.rps * dt;
      c.errors += (n * w.errorRate) / 100;
      c.ok += n - (n * w.errorRate) / 100;
      BUCKETS_MS.forEach((le, i) => {
        if (w.latencyMs <= le) c.buckets[i] += n;
      });
      c.buckets[BUCKETS_MS.length] += n;
      c.sumMs += n * w.latencyMs;
    }
  };
  const render = (): string => {
    advance();
    const lines = ['# TYPE istio_requests_total counter'];
    for (const w of workloads) {
      const c = counters.get(w)!;
      for (const reporter of ['destination', 'source']) {
        const labels = `reporter="${reporter}",destination_workload="${w.name}",destination_workload_namespace="${w.namespace}",destination_service="${w.name}.${w.namespace}.svc.cluster.local"`;
        lines.push(`istio_requests_total{${labels},response_code="200"} ${c.ok}`);
        lines.push(`istio_requests_total{${labels},response_code="500"} ${c.errors}`);
      }
    }
    lines.push('# TYPE istio_request_duration_milliseconds histogram');
    for (const w of workloads) {
      const c = counters.get(w)!;
      const labels = `reporter="destination",destination_workload="${w.name}",destination_workload_namespace="${w.namespace}"`;
      BUCKETS_MS.forEach((le, i) =>
        lines.push(`istio_request_duration_milliseconds_bucket{${labels},le="${le}"} ${c.buckets[i]}`),
      );
      lines.push(`istio_request_duration_milliseconds_bucket{${labels},le="+Inf"} ${c.buckets[BUCKETS_MS.length]}`);
      lines.push(`istio_request_duration_milliseconds_sum{${labels}} ${c.sumMs}`);
      lines.push(`istio_request_duration_milliseconds_count{${labels}} ${c.buckets[BUCKETS_MS.length]}`);
    }
    lines.push('# TYPE http_requests_total counter');
    for (const w of workloads) {
      const c = counters.get(w)!;
      lines.push(`http_requests_total{service="${w.name}.${w.namespace}.svc.cluster.local",code="200"} ${c.ok}`);
      lines.push(`http_requests_total{service="${w.name}.${w.namespace}.svc.cluster.local",code="500"} ${c.errors}`);
    }
    return `${lines.join('\n')}\n`;
  };
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/metrics')) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(render());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    workloads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
