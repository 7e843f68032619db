/**
 * One budget assessment per canary document, read by the lint rule, the hover, the CodeLens and
 * the live status alike: which policy applies (the canary's own `budget:` wins over the one of
 * `.release-safety.yaml`), how long a failure goes unnoticed, and the worst-case spend.
 */
import type { Pair } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, pairOf, type Ref } from '../parse/yamlNodes';
import type { CanaryPlan } from '../plan/canaryPlan';
import { pairKeyRef } from '../plan/planParts';
import { readBudgetPolicy, type BudgetPolicy } from './budgetPolicy';
import { detectionTime, type Detection, type TemplateDocs } from './detectionTime';
import { worstCaseSpend, type SpendResult } from './worstCaseSpend';

export interface BudgetAssessment {
  policy: BudgetPolicy;
  /** Where the policy came from. */
  from: 'canary' | 'config';
  /** The canary's `budget` key, when it has one. */
  ref?: Ref;
  detection: Detection;
  spend: SpendResult;
}

export type BudgetOutcome =
  { kind: 'none' } | { kind: 'invalid'; problems: string[]; ref?: Ref } | ({ kind: 'assessed' } & BudgetAssessment);

/** A native canary's own `budget:` pair, if any. */
export function nativeBudgetPair(document: SourceDocument): Pair | undefined {
  if (document.kind !== 'canary') return undefined;
  const doc = document.doc;
  return pairOf(asMap(pairOf(asMap(doc.contents, doc), 'canary')?.value, doc), 'budget');
}

export function assessBudget(
  plan: CanaryPlan,
  document: SourceDocument,
  file: ParsedFile,
  configBudget: unknown,
  templates?: TemplateDocs,
): BudgetOutcome {
  const own = nativeBudgetPair(document);
  const raw = own ? ((own.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? own.value) : configBudget;
  if (raw === undefined || raw === null) return { kind: 'none' };
  const ref = own ? pairKeyRef(own, plan.anchor) : undefined;
  const read = readBudgetPolicy(raw);
  if (!read.ok) return { kind: 'invalid', problems: read.problems, ...(ref ? { ref } : {}) };
  const detection = detectionTime(plan, templates ?? { documents: file.documents.map((d) => ({ document: d, file })) });
  return {
    kind: 'assessed',
    policy: read.policy,
    from: own ? 'canary' : 'config',
    ...(ref ? { ref } : {}),
    detection,
    spend: worstCaseSpend(plan, read.policy, detection),
  };
}
