/**
 * How much a set of counter series grew between two scrapes, per series, as `increase()` would:
 * a value that went down means the process restarted (a counter reset), so the new value is all
 * growth since the reset. Unlike Prometheus, a series that appears between the two scrapes counts
 * from zero: client libraries create series lazily on their first observation (the first 500 of
 * a canary), and dropping it would hide exactly the errors a canary check is for.
 */
export type CounterSnapshot = ReadonlyMap<string, number>;

export function seriesIncrease(previous: number | undefined, current: number): number {
  if (!Number.isFinite(current) || current < 0) return 0;
  if (previous === undefined || !Number.isFinite(previous)) return current;
  return current >= previous ? current - previous : current;
}

/** Sum of the increases of every series in `current` (keys identify series). */
export function totalIncrease(previous: CounterSnapshot, current: CounterSnapshot): number {
  let sum = 0;
  for (const [key, value] of current) sum += seriesIncrease(previous.get(key), value);
  return sum;
}
