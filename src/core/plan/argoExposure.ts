/**
 * What a `setWeight` really exposes when the Rollout has no `trafficRouting`: Argo then splits
 * traffic only by pods, so the canary's share is its pods over all pods, at least one pod. The
 * pod counts follow the controller's own approximation (argo-rollouts
 * utils/replicaset/canary.go, approximateWeightedCanaryStableReplicaCounts): of the ceiling and
 * floor canary counts, over `replicas` or one surge pod more, the closest to the weight wins; a
 * weight between 1 and 99 never gets zero canary pods.
 */
export interface PodShare {
  canaryPods: number;
  totalPods: number;
  /** canaryPods / totalPods, in percent. */
  percent: number;
}

export function podShare(replicas: number, weight: number, surge: boolean): PodShare | undefined {
  if (!(Number.isInteger(replicas) && replicas > 0) || !(weight > 0 && weight < 100)) return undefined;
  const exact = (replicas * weight) / 100;
  const ceil = Math.ceil(exact);
  const floor = Math.floor(exact);
  const tied = (total: number) => ((total * weight) / 100) % 1 === 0.5;
  const zeroAllowed = replicas === 1 && !surge;
  const options: Array<[number, number]> = [];
  if (ceil < replicas || zeroAllowed) options.push([ceil, replicas]);
  if (!tied(replicas) && (floor !== 0 || zeroAllowed)) options.push([floor, replicas]);
  if (surge) {
    options.push([ceil, replicas + 1]);
    if (!tied(replicas + 1) && (floor !== 0 || zeroAllowed)) options.push([floor, replicas + 1]);
  }
  if (options.length === 0) return undefined;
  let best = options[0];
  const delta = ([c, t]: [number, number]) => Math.abs((c * 100) / t - weight);
  for (const o of options.slice(1)) if (delta(o) < delta(best)) best = o;
  const [canaryPods, totalPods] = best;
  return { canaryPods, totalPods, percent: Math.round(((canaryPods * 100) / totalPods) * 10) / 10 };
}
