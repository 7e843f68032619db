/** Builds the typed synthetic model of a native `synthetic:` document. */
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import type { SyntheticConfig } from './model';

// Filled in by the synthetic model builder.
export function buildSyntheticConfig(_document: SourceDocument, _file: ParsedFile): SyntheticConfig | undefined {
  return undefined;
}
