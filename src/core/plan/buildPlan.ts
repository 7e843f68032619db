/** Builds the normalised canary plan of a document (native, Argo Rollout or Flagger Canary). */
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import type { CanaryPlan } from './canaryPlan';
import { buildNativePlan } from './fromNative';
import { buildArgoPlan } from './fromArgo';
import { buildFlaggerPlan } from './fromFlagger';

/** undefined for documents that are not canaries (a blue-green Rollout, a synthetic file, ...). */
export function buildCanaryPlan(document: SourceDocument, file: ParsedFile): CanaryPlan | undefined {
  switch (document.kind) {
    case 'canary':
      return buildNativePlan(document, file);
    case 'argo-rollout':
      return buildArgoPlan(document, file);
    case 'flagger-canary':
      return buildFlaggerPlan(document, file);
    default:
      return undefined;
  }
}
