/** Builds the normalised canary plan of a document (native, Argo Rollout or Flagger Canary). */
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import type { CanaryPlan } from './canaryPlan';

// Filled in by the plan builders (native, Argo, Flagger).
export function buildCanaryPlan(_document: SourceDocument, _file: ParsedFile): CanaryPlan | undefined {
  return undefined;
}
