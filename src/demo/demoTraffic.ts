/**
 * Simulated traffic for the newcomer's demo: two tracks (stable and canary) of one service, each
 * with a request counter by status code and a latency histogram that move like a real service's.
 * Time-driven, not timer-driven: the counters advance to "now" whenever they are read, so the
 * demo costs nothing while nobody looks, and the same seed and clock give the same numbers.
 */

export type Track = 'stable' | 'canary';

export interface TrackSettings {
  /** Percent of requests answered 500. */
  errorRate: number;
  /** Median latency in ms (the distribution is log-normal). */
  latencyMs: number;
}

export interface TrafficSettings {
  /** Requests per second over both tracks. */
  totalRps: number;
  /** Percent of requests routed to the canary. */
  canaryWeight: number;
  stable: TrackSettings;
  canary: TrackSettings;
}

export const DEFAULT_TRAFFIC: TrafficSettings = {
  totalRps: 200,
  canaryWeight: 25,
  stable: { errorRate: 0.3, latencyMs: 80 },
  canary: { errorRate: 0.3, latencyMs: 82 },
};

/** Histogram buckets in seconds: the client libraries' defaults, finer where the demo's latencies fall. */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];
const HANDLERS = [
  { path: '/api/cart', share: 0.6 },
  { path: '/api/checkout', share: 0.4 },
];
const NOT_FOUND_RATE = 0.01;
const SIGMA = 0.5; // log-normal spread: p99 is about 3.2x the median
const MAX_STEP_S = 3600; // a laptop that slept all night does not produce a day of traffic at once

interface HandlerCounters {
  ok: number;
  notFound: number;
  serverError: number;
  /** Cumulative per bucket, then +Inf. */
  buckets: number[];
  sum: number;
}

export class DemoTraffic {
  readonly settings: TrafficSettings;
  private last: number;
  private readonly startedAt: number;
  private readonly counters: Record<Track, HandlerCounters[]>;
  private readonly random: () => number;

  constructor(
    settings: Partial<TrafficSettings> = {},
    private readonly clock: () => number = Date.now,
    seed = 42,
  ) {
    this.settings = {
      ...DEFAULT_TRAFFIC,
      ...settings,
      stable: { ...DEFAULT_TRAFFIC.stable, ...settings.stable },
      canary: { ...DEFAULT_TRAFFIC.canary, ...settings.canary },
    };
    this.last = this.startedAt = clock();
    const fresh = () =>
      HANDLERS.map(() => ({
        ok: 0,
        notFound: 0,
        serverError: 0,
        buckets: new Array(BUCKETS.length + 1).fill(0),
        sum: 0,
      }));
    this.counters = { stable: fresh(), canary: fresh() };
    this.random = mulberry32(seed);
  }

  /** Moves every counter forward to the clock's now. */
  advance(): void {
    const now = this.clock();
    const dt = Math.min(MAX_STEP_S, Math.max(0, (now - this.last) / 1000));
    this.last = now;
    if (dt === 0) return;
    // A gentle wave in load, as real traffic has.
    const wave = 1 + 0.15 * Math.sin((now - this.startedAt) / 60_000);
    const weight = clamp(this.settings.canaryWeight, 0, 100) / 100;
    for (const track of ['stable', 'canary'] as const) {
      const rps = this.settings.totalRps * wave * (track === 'canary' ? weight : 1 - weight);
      const s = this.settings[track];
      HANDLERS.forEach((h, i) => {
        const expected = rps * h.share * dt;
        const n = Math.max(0, expected + this.gauss() * Math.sqrt(expected));
        const errors = clamp(n * (clamp(s.errorRate, 0, 100) / 100), 0, n);
        const notFound = clamp((n - errors) * NOT_FOUND_RATE, 0, n - errors);
        const c = this.counters[track][i];
        c.serverError += errors;
        c.notFound += notFound;
        c.ok += n - errors - notFound;
        const median = Math.max(0.1, s.latencyMs) / 1000;
        BUCKETS.forEach((le, b) => (c.buckets[b] += n * logNormalCdf(le, median, SIGMA)));
        c.buckets[BUCKETS.length] += n;
        c.sum += n * median * Math.exp((SIGMA * SIGMA) / 2);
      });
    }
  }

  /** The track's `/metrics` body in the text exposition format. */
  render(track: Track): string {
    const lines: string[] = [
      '# HELP http_requests_total Requests served, by handler and status code.',
      '# TYPE http_requests_total counter',
    ];
    // Counters are whole requests; flooring a growing float keeps them monotonic.
    this.counters[track].forEach((c, i) => {
      const h = HANDLERS[i].path;
      lines.push(`http_requests_total{handler="${h}",method="GET",code="200"} ${Math.floor(c.ok)}`);
      lines.push(`http_requests_total{handler="${h}",method="GET",code="404"} ${Math.floor(c.notFound)}`);
      lines.push(`http_requests_total{handler="${h}",method="GET",code="500"} ${Math.floor(c.serverError)}`);
    });
    lines.push(
      '# HELP http_request_duration_seconds Request latency.',
      '# TYPE http_request_duration_seconds histogram',
    );
    this.counters[track].forEach((c, i) => {
      const h = HANDLERS[i].path;
      BUCKETS.forEach((le, b) =>
        lines.push(`http_request_duration_seconds_bucket{handler="${h}",le="${le}"} ${Math.floor(c.buckets[b])}`),
      );
      lines.push(
        `http_request_duration_seconds_bucket{handler="${h}",le="+Inf"} ${Math.floor(c.buckets[BUCKETS.length])}`,
      );
      lines.push(`http_request_duration_seconds_sum{handler="${h}"} ${c.sum.toFixed(3)}`);
      lines.push(`http_request_duration_seconds_count{handler="${h}"} ${Math.floor(c.buckets[BUCKETS.length])}`);
    });
    lines.push(
      '# HELP demo_track_info Which track this demo service plays.',
      '# TYPE demo_track_info gauge',
      `demo_track_info{track="${track}"} 1`,
      '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
      '# TYPE process_start_time_seconds gauge',
      `process_start_time_seconds ${Math.floor(this.startedAt / 1000)}`,
    );
    return `${lines.join('\n')}\n`;
  }

  /** A standard normal draw (Box-Muller) from the seeded generator. */
  private gauss(): number {
    const u = Math.max(1e-12, this.random());
    const v = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : lo));
}

function logNormalCdf(x: number, median: number, sigma: number): number {
  return 0.5 * (1 + erf(Math.log(x / median) / (sigma * Math.SQRT2)));
}

/** Abramowitz and Stegun 7.1.26: good to 1.5e-7, plenty for a demo. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

/** A small seeded PRNG so tests and demos are repeatable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
