/** canary/unknown-metric: a metric nobody knows how to measure is a gate that never decides. */
import { docsUrl, type Rule } from '../../rule';
import type { Fix } from '../../finding';
import { WELL_KNOWN_METRICS } from '../../../model/metrics';
import { FLAGGER_BUILTIN_METRICS } from '../../../plan/fromFlagger';

export const unknownMetric: Rule = {
  meta: {
    id: 'canary/unknown-metric',
    defaultSeverity: 'warning',
    description: 'A metric must be well known (a Flagger built-in) or say how it is measured (query / templateRef).',
    docsUrl: docsUrl('canary/unknown-metric'),
    fixable: false,
    appliesTo: ['canary', 'flagger-canary'],
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan || plan.format === 'argo') return;
    const known = Object.keys(plan.format === 'native' ? WELL_KNOWN_METRICS : FLAGGER_BUILTIN_METRICS);
    for (const metric of plan.metrics) {
      // A metric without a name is the schema's finding.
      if (!metric.name || metric.builtin || metric.query !== undefined || metric.templateRef !== undefined) continue;
      const guess = closest(metric.name, known);
      const hint = guess ? `Did you mean "${guess}"? ` : '';
      const how =
        plan.format === 'native'
          ? 'or give it a "query" (PromQL) and a "unit"'
          : 'or point it at your MetricTemplate with "templateRef"';
      const suggestions: Fix[] = guess
        ? [{ title: `Rename to ${guess}`, edits: [{ ...metric.ref, newText: guess }] }]
        : [];
      ctx.report({
        ...metric.ref,
        message: `"${metric.name}" is not a metric Release Safety${plan.format === 'flagger' ? ' or Flagger' : ''} knows, so nothing measures it. ${hint}Use one of ${known.join(', ')}, ${how}.`,
        ...(suggestions.length ? { suggestions } : {}),
      });
    }
  },
};

/** The known name within a small edit distance (typos such as "error_rate", "p99-latancy"). */
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
