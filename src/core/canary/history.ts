/**
 * The last readings of a watched canary, for charts: a fixed-size ring, so a panel left open
 * for a day holds as much as one open for half an hour.
 */
import type { CanaryReading } from './reading';

export interface MetricSeries {
  /** Seconds since the epoch (uPlot's x axis). */
  t: number[];
  canary: (number | null)[];
  baseline: (number | null)[];
  limit: (number | null)[];
}

export class ReadingHistory {
  private readonly ring: (CanaryReading | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 360) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('history capacity must be a positive integer');
    this.ring = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(reading: CanaryReading): void {
    this.ring[this.next] = reading;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Oldest first. */
  toArray(): CanaryReading[] {
    const out: CanaryReading[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) out.push(this.ring[(start + i) % this.capacity] as CanaryReading);
    return out;
  }

  latest(): CanaryReading | undefined {
    return this.count ? this.ring[(this.next - 1 + this.capacity) % this.capacity] : undefined;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }

  /** One metric over time, columns as a chart wants them; readings without data give gaps. */
  series(metric: string, sinceMs = -Infinity): MetricSeries {
    const out: MetricSeries = { t: [], canary: [], baseline: [], limit: [] };
    for (const r of this.toArray()) {
      if (r.at < sinceMs) continue;
      const m = r.metrics.find((x) => x.name === metric);
      if (!m) continue;
      out.t.push((r.dataAt ?? r.at) / 1000);
      const judged = r.verdict !== 'stale';
      out.canary.push(judged ? m.canary : null);
      out.baseline.push(judged ? m.baseline : null);
      out.limit.push(m.limit);
    }
    return out;
  }
}
