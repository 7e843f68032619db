/**
 * Which canaries of a file can be watched live, and what stops one from being watched, in words
 * that say what to change. Shared by `release-safety status` and the editor's "Watch this canary".
 */
import type { ParsedFile } from '../parse/parseFile';
import { buildCanaryPlan } from '../plan/buildPlan';
import type { CanaryPlan } from '../plan/canaryPlan';
import { measureOf } from './source';
import type { SourceDocument } from '../parse/parseFile';
import { assessBudget } from '../budget/assessBudget';
import type { LiveBudget } from '../budget/liveSpend';

export interface WatchableCanary {
  plan: CanaryPlan;
  /** Reasons it cannot be watched (empty: it can). Each carries the offset it is about. */
  problems: { message: string; offset: number }[];
  /** The risk budget that applies (the canary's own, else the config file's), with its worst case. */
  budget?: LiveBudget;
}

export function findCanaries(file: ParsedFile, configBudget?: unknown): WatchableCanary[] {
  const out: WatchableCanary[] = [];
  for (const document of file.documents) {
    let plan: CanaryPlan | undefined;
    try {
      plan = buildCanaryPlan(document, file);
    } catch {
      plan = undefined; // a builder bug must not take the command down; lint reports the file
    }
    if (!plan) continue;
    const budget = liveBudgetOf(plan, document, file, configBudget);
    out.push({ plan, problems: problemsOf(plan), ...(budget ? { budget } : {}) });
  }
  return out;
}

export function problemsOf(plan: CanaryPlan): { message: string; offset: number }[] {
  const problems: { message: string; offset: number }[] = [];
  const name = plan.service ? `canary "${plan.service}"` : 'the canary';
  if (!plan.source) {
    const how =
      plan.format === 'native'
        ? 'add a source: scrape (two /metrics URLs) or prometheus (url and label matchers)'
        : 'live status reads the source of a native canary file; write one next to this manifest';
    problems.push({ message: `${name} has no source to read live status from: ${how}.`, offset: plan.anchor.offset });
  } else if (!plan.source.scrape && !plan.source.prometheus) {
    problems.push({ message: `${name}: source needs scrape or prometheus.`, offset: plan.source.ref.offset });
  }
  if (plan.metrics.length === 0)
    problems.push({
      message: `${name} has no metrics: add gates such as error-rate "<= 1%".`,
      offset: (plan.metricsRef ?? plan.anchor).offset,
    });
  for (const m of plan.metrics) {
    if (!m.threshold)
      problems.push({
        message: `metric ${m.name} has no threshold: add one such as threshold: "<= 1%".`,
        offset: m.ref.offset,
      });
    else if (m.threshold.error || !m.threshold.parsed)
      problems.push({
        message: `metric ${m.name}: ${m.threshold.error ?? 'the threshold does not parse'}.`.replace(/\.\.$/, '.'),
        offset: (m.threshold.errorRef ?? m.threshold.ref).offset,
      });
    if (measureOf(m).kind === 'unknown')
      problems.push({
        message: `metric ${m.name} is not well known and has no query: add a query (PromQL) and a unit.`,
        offset: m.ref.offset,
      });
  }
  return problems;
}

export function liveBudgetOf(
  plan: CanaryPlan,
  document: SourceDocument,
  file: ParsedFile,
  configBudget: unknown,
): LiveBudget | undefined {
  const a = assessBudget(plan, document, file, configBudget);
  if (a.kind !== 'assessed') return undefined;
  return { policy: a.policy, worstCasePercent: a.spend.ok && a.spend.worst ? a.spend.worst.percent : null };
}
