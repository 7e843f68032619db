/**
 * The canary documents of a YAML file that the panel can watch (pure: no `vscode`): native
 * canaries through their `source:`, Argo Rollouts and Flagger Canaries through their analysis
 * metrics (the queries their controllers run against Prometheus).
 */
import { parseFile, type ParsedFile } from '../../core/parse/parseFile';
import { buildCanaryPlan } from '../../core/plan/buildPlan';
import type { CanaryPlan } from '../../core/plan/canaryPlan';
import { liveBudgetOf } from '../../core/canary/watchableCanary';
import type { LiveBudget } from '../../core/budget/liveSpend';

export interface CanaryDocument {
  docIndex: number;
  format: CanaryPlan['format'];
  plan: CanaryPlan;
  service: string | null;
  hasSource: boolean;
  /** Where the `canary:` key is (for the CodeLens). */
  offset: number;
  /** The risk budget the canary's errors are metered against while watched. */
  budget?: LiveBudget;
}

/** A cheap look before a full parse: most YAML files in a workspace are not canaries. */
export function mayHoldCanary(text: string): boolean {
  return /^canary\s*:/m.test(text) || /^kind\s*:\s*["']?(Rollout|Canary)\b/m.test(text);
}

/** `parsed`: the editor's cached parse of the same text, when it has one. */
/** `configBudget`: the `budget:` of the governing `.release-safety.yaml`, for canaries without their own. */
export function canaryDocuments(text: string, parsed?: ParsedFile, configBudget?: unknown): CanaryDocument[] {
  if (!mayHoldCanary(text)) return [];
  const file = parsed ?? parseFile(text);
  const out: CanaryDocument[] = [];
  for (const d of file.documents) {
    if (d.kind !== 'canary' && d.kind !== 'argo-rollout' && d.kind !== 'flagger-canary') continue;
    const plan = buildCanaryPlan(d, file);
    if (!plan) continue;
    const source = plan.source;
    const hasSource =
      plan.format === 'argo'
        ? (plan.analyses ?? []).some((a) => a.templates.length > 0)
        : plan.format === 'flagger'
          ? plan.metrics.length > 0
          : !!(source?.scrape?.canary && source.scrape.baseline) ||
            !!(source?.prometheus?.url && source.prometheus.canary && source.prometheus.baseline);
    const budget = liveBudgetOf(plan, d, file, configBudget);
    out.push({
      docIndex: d.index,
      format: plan.format,
      plan,
      service: plan.service ?? null,
      hasSource,
      offset: plan.anchor.offset,
      ...(budget ? { budget } : {}),
    });
  }
  return out;
}
