/**
 * Which native schema describes a whole file, for editors that validate a file against one
 * schema (Red Hat's YAML extension): only when every document of the file is of one native kind.
 * A file that mixes a canary with a synthetic or a Kubernetes document gets none, since one
 * schema applied to every document would flag the others.
 */
import { isScalar } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';

export type NativeFormat = 'canary' | 'synthetic';

export function nativeSchemaOfFile(file: ParsedFile): NativeFormat | undefined {
  let format: NativeFormat | undefined;
  for (const d of file.documents) {
    const c = d.doc.contents;
    const empty = c === null || c === undefined || (isScalar(c) && (c.value === null || c.value === ''));
    if (empty) continue;
    if (d.kind !== 'canary' && d.kind !== 'synthetic') return undefined;
    if (format && format !== d.kind) return undefined;
    format = d.kind;
  }
  return format;
}
