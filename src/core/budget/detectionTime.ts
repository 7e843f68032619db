/**
 * How long a canary that fails outright keeps its traffic before the controller rolls it back:
 * the worst-case time to roll back that the budget arithmetic multiplies by the exposed share.
 * - native: interval x (failure_limit + 1): on_failure acts on the breach after the tolerated ones;
 * - Flagger: analysis.interval x threshold: Flagger rolls back when failed checks reach threshold;
 * - Argo: per analysis metric, interval x (failureLimit + 1) (Argo's failureLimit defaults to 0:
 *   the first failed measurement fails the run); the slowest metric of the referenced templates
 *   is the worst case. Templates are looked up among the documents given (the same file, or the
 *   files linted together).
 */
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, nodeAt, valueOf } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import type { CanaryPlan } from '../plan/canaryPlan';
import { numberValue, textValue } from '../plan/planParts';
import { spanWords } from '../describe/spanWords';

export type Detection =
  { ok: true; ms: number; intervalMs: number; checks: number; how: string } | { ok: false; why: string };

export interface TemplateDocs {
  /** Documents that may hold the Argo AnalysisTemplates a Rollout names. */
  documents: Array<{ document: SourceDocument; file: ParsedFile }>;
}

export function detectionTime(plan: CanaryPlan, templates?: TemplateDocs): Detection {
  if (!plan.rollback.automated)
    return {
      ok: false,
      why: 'nothing rolls this canary back by itself, so a failing release is exposed until a person acts',
    };
  if (plan.format === 'argo') return argoDetection(plan, templates);
  const intervalMs = plan.interval?.ms;
  if (intervalMs === null || intervalMs === undefined) return { ok: false, why: 'the canary has no readable interval' };
  if (plan.format === 'flagger') {
    const threshold = plan.failureLimit;
    if (threshold === undefined || threshold < 1) return { ok: false, why: 'the Canary has no analysis.threshold' };
    return {
      ok: true,
      ms: intervalMs * threshold,
      intervalMs,
      checks: threshold,
      how: `${spanWords(intervalMs)} interval x threshold ${threshold}`,
    };
  }
  const limit = plan.failureLimit ?? 0;
  return {
    ok: true,
    ms: intervalMs * (limit + 1),
    intervalMs,
    checks: limit + 1,
    how: `${spanWords(intervalMs)} interval x (failure_limit ${limit} + 1)`,
  };
}

function argoDetection(plan: CanaryPlan, templates: TemplateDocs | undefined): Detection {
  const names = new Set((plan.analyses ?? []).flatMap((a) => a.templates));
  if (names.size === 0) return { ok: false, why: 'the Rollout names no analysis template' };
  let worst: { ms: number; intervalMs: number; checks: number; how: string } | undefined;
  const found = new Set<string>();
  for (const { document } of templates?.documents ?? []) {
    if (document.kind !== 'argo-analysis-template') continue;
    const doc = document.doc;
    const root = asMap(doc.contents, doc);
    const name = textValue(nodeAt(root, ['metadata', 'name'], doc), doc);
    if (name === undefined || !names.has(name)) continue;
    found.add(name);
    for (const item of asSeq(nodeAt(root, ['spec', 'metrics'], doc), doc)?.items ?? []) {
      const metric = asMap(item, doc);
      const interval = parseDuration(
        textValue(valueOf(metric, 'interval', doc), doc) ?? numberValue(valueOf(metric, 'interval', doc), doc),
      );
      if (!interval.ok || interval.ms <= 0) continue;
      const limit = numberValue(valueOf(metric, 'failureLimit', doc), doc) ?? 0;
      const ms = interval.ms * (limit + 1);
      if (!worst || ms > worst.ms) {
        const metricName = textValue(valueOf(metric, 'name', doc), doc) ?? 'a metric';
        worst = {
          ms,
          intervalMs: interval.ms,
          checks: limit + 1,
          how: `"${metricName}" of ${name}: ${spanWords(interval.ms)} interval x (failureLimit ${limit} + 1)`,
        };
      }
    }
  }
  if (worst) return { ok: true, ...worst };
  const missing = [...names].filter((n) => !found.has(n));
  if (missing.length)
    return {
      ok: false,
      why: `the analysis template ${missing.map((n) => `"${n}"`).join(', ')} is not among the files linted together`,
    };
  return { ok: false, why: 'no metric of the analysis templates has an interval' };
}
