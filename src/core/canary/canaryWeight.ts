/** The canary's traffic weight: its share of requests, snapped to the nearest planned step. */

export function canaryShare(canaryRequests: number | null, baselineRequests: number | null): number | null {
  if (canaryRequests === null || baselineRequests === null) return null;
  const total = canaryRequests + baselineRequests;
  if (!(total > 0)) return null;
  return (100 * canaryRequests) / total;
}

/** The nearest step (ties go to the lower, more cautious step); index is 0-based. */
export function snapToStep(share: number, steps: readonly number[]): { weight: number; index: number } | null {
  let best: { weight: number; index: number } | null = null;
  steps.forEach((weight, index) => {
    if (!Number.isFinite(weight)) return;
    if (!best || Math.abs(weight - share) < Math.abs(best.weight - share)) best = { weight, index };
  });
  return best;
}
