/**
 * The templates and references of a set of files linted together: the CLI's paths, the editor's
 * workspace. Built from per-file summaries, so that one changed file is re-read alone. Pure: keys
 * are whatever names the caller gives its files (paths, URIs).
 */
import type { ParsedFile } from '../parse/parseFile';
import { readDefinitions } from './readDefinitions';
import { readReferences } from './readReferences';
import type { TemplateDefinition, TemplateKind, TemplateReference } from './templateModel';

export interface FileSummary {
  definitions: TemplateDefinition[];
  references: TemplateReference[];
}

export interface Located<T> {
  file: string;
  item: T;
}

/** What one parsed file defines and refers to. Documents with syntax errors say nothing. */
export function summarize(file: ParsedFile): FileSummary {
  const out: FileSummary = { definitions: [], references: [] };
  for (const document of file.documents) {
    if (!document.kind) continue;
    if (file.findings.some((f) => f.docIndex === document.index)) continue;
    try {
      out.definitions.push(...readDefinitions(document));
      out.references.push(...readReferences(document));
    } catch {
      // A document shaped so oddly that reading it throws refers to nothing we can resolve.
    }
  }
  return out;
}

export class ProjectIndex {
  private readonly files = new Map<string, FileSummary>();
  /** When each file was last recorded (a counter): tells a linter whether the other files changed. */
  private readonly recorded = new Map<string, number>();
  private counter = 0;

  /** Records (or replaces) what `file` says. */
  set(file: string, summary: FileSummary): void {
    this.files.set(file, summary);
    this.recorded.set(file, ++this.counter);
  }

  /**
   * Changes whenever a file other than `file` is recorded or removed: an incremental linter of
   * `file` keeps its references' findings while this stays the same.
   */
  stampExcept(file: string): string {
    let latest = 0;
    for (const [f, n] of this.recorded) if (f !== file && n > latest) latest = n;
    return `${latest}:${this.files.size - (this.files.has(file) ? 1 : 0)}`;
  }

  setParsed(file: string, parsed: ParsedFile): FileSummary {
    const summary = summarize(parsed);
    this.set(file, summary);
    return summary;
  }

  delete(file: string): boolean {
    this.recorded.delete(file);
    return this.files.delete(file);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get size(): number {
    return this.files.size;
  }

  summaryOf(file: string): FileSummary | undefined {
    return this.files.get(file);
  }

  /**
   * The definitions a reference resolves to. A namespace on both sides must agree; a side that
   * does not say (a file applied with `kubectl -n`) matches any.
   */
  resolve(ref: Pick<TemplateReference, 'kind' | 'name' | 'namespace'>): Located<TemplateDefinition>[] {
    const out: Located<TemplateDefinition>[] = [];
    for (const [file, summary] of this.files) {
      for (const def of summary.definitions) if (matches(ref, def)) out.push({ file, item: def });
    }
    return out;
  }

  /** Every definition of a kind (for did-you-mean hints). */
  definitionsOf(kind: TemplateKind): Located<TemplateDefinition>[] {
    const out: Located<TemplateDefinition>[] = [];
    for (const [file, summary] of this.files)
      for (const def of summary.definitions) if (def.kind === kind) out.push({ file, item: def });
    return out;
  }

  /** The references that resolve to a definition (find references, re-checks after an edit). */
  referencesTo(def: Pick<TemplateDefinition, 'kind' | 'name' | 'namespace'>): Located<TemplateReference>[] {
    const out: Located<TemplateReference>[] = [];
    for (const [file, summary] of this.files) {
      for (const ref of summary.references) if (matches(ref, def)) out.push({ file, item: ref });
    }
    return out;
  }

  /** Files that define any template of `kind`/`name` (whatever the namespace). */
  filesDefining(names: ReadonlyArray<{ kind: TemplateKind; name: string }>): string[] {
    const out: string[] = [];
    for (const [file, summary] of this.files) {
      if (summary.definitions.some((d) => names.some((n) => n.kind === d.kind && n.name === d.name))) out.push(file);
    }
    return out;
  }

  /** Files that refer to any template of `kind`/`name` (whatever the namespace). */
  filesReferring(names: ReadonlyArray<{ kind: TemplateKind; name: string }>): string[] {
    const out: string[] = [];
    for (const [file, summary] of this.files) {
      if (summary.references.some((r) => names.some((n) => n.kind === r.kind && n.name === r.name))) out.push(file);
    }
    return out;
  }
}

function matches(
  ref: Pick<TemplateReference, 'kind' | 'name' | 'namespace'>,
  def: Pick<TemplateDefinition, 'kind' | 'name' | 'namespace'>,
): boolean {
  if (ref.kind !== def.kind || ref.name !== def.name) return false;
  return !ref.namespace || !def.namespace || ref.namespace === def.namespace;
}
