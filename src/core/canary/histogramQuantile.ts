/**
 * `histogram_quantile()` as Prometheus computes it: linear interpolation inside the bucket where the
 * rank falls, the first bucket starting at 0, and the +Inf bucket answered with the highest finite
 * upper bound. Counts are the cumulative (`le`) bucket counts, usually increases over a window.
 */
export interface Bucket {
  /** Upper bound (`le`), +Infinity for the last bucket. */
  le: number;
  /** Cumulative count of observations <= le. */
  count: number;
}

/** NaN when it cannot be known: no +Inf bucket, fewer than two buckets, or no observations. */
export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const buckets = input.filter((b) => !Number.isNaN(b.le) && Number.isFinite(b.count)).sort((a, b) => a.le - b.le);
  if (buckets.length < 2 || buckets[buckets.length - 1].le !== Infinity) return NaN;
  // Buckets scraped at slightly different moments can be non-monotonic; Prometheus evens them out.
  let max = 0;
  const counts = buckets.map((b) => (max = Math.max(max, b.count)));
  const observations = counts[counts.length - 1];
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = counts.findIndex((c) => c >= rank);
  if (b < 0) b = counts.length - 1;
  if (b === buckets.length - 1) return buckets[buckets.length - 2].le;
  if (b === 0 && buckets[0].le <= 0) return buckets[0].le;
  let start = 0;
  let count = counts[b];
  if (b > 0) {
    start = buckets[b - 1].le;
    count -= counts[b - 1];
    rank -= counts[b - 1];
  }
  const end = buckets[b].le;
  if (count === 0) return end;
  return start + (end - start) * (rank / count);
}
