/**
 * Which schema describes a whole file, for editors that validate a file against one schema (Red
 * Hat's YAML extension): only when every document of the file is of one kind we check (a native
 * format, or one Argo Rollouts / Flagger kind). A file that mixes kinds (a Rollout with its
 * AnalysisTemplate, a canary with a Kubernetes Service) gets none, since one schema applied to
 * every document would flag the others; our own checks cover those files.
 */
import { isScalar } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import type { DocumentKind } from '../parse/sniff';

export type NativeFormat = DocumentKind;

export function nativeSchemaOfFile(file: ParsedFile): DocumentKind | undefined {
  if (file.template) return undefined;
  let format: DocumentKind | undefined;
  for (const d of file.documents) {
    const c = d.doc.contents;
    const empty = c === null || c === undefined || (isScalar(c) && (c.value === null || c.value === ''));
    if (empty) continue;
    if (!d.kind) return undefined;
    if (format && format !== d.kind) return undefined;
    format = d.kind;
  }
  return format;
}
