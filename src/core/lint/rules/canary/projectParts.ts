/** What the rules about templates and references read: this document's part of the project view. */
import type { RuleContext } from '../../rule';
import type { TemplateDefinition, TemplateReference, TemplateMetric, CountField } from '../../../project/templateModel';

export function ownDefinitions(ctx: RuleContext): TemplateDefinition[] {
  return ctx.project.own.definitions.filter((d) => d.docIndex === ctx.document.index);
}

export function ownReferences(ctx: RuleContext): TemplateReference[] {
  return ctx.project.own.references.filter((r) => r.docIndex === ctx.document.index);
}

/** A count-like field's number; undefined when absent or filled in later from `{{args.x}}`. */
export function countOf(field: CountField | undefined): number | undefined {
  return field?.value;
}

/**
 * Argo fails a metric when failures exceed `failureLimit` (default 0; -1 disables it). With a
 * `consecutiveSuccessLimit` the metric also ends by its successes, another contract: left alone.
 */
export function judgedByFailureLimit(metric: TemplateMetric): number | undefined {
  const successes = metric.consecutiveSuccessLimit;
  if (successes && (successes.value === undefined || successes.value > 0)) return undefined;
  const limit = metric.failureLimit ? countOf(metric.failureLimit) : 0;
  return limit !== undefined && limit >= 0 ? limit : undefined;
}

/** A file's name for a message: the last two segments of its path or URI (`analysis/templates.yaml`). */
export function fileLabel(key: string): string {
  const last = key.split(/[\\/]/).filter(Boolean).slice(-2).join('/') || key;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
