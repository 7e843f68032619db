/** The template reference or definition under a cursor: what go-to-definition and find-references start from. */
import type { FileSummary } from './projectIndex';
import type { TemplateDefinition, TemplateReference } from './templateModel';
import type { Ref } from '../parse/yamlNodes';

export type TemplateSymbol =
  { type: 'reference'; item: TemplateReference } | { type: 'definition'; item: TemplateDefinition };

const inside = (ref: Ref, offset: number) => offset >= ref.offset && offset <= ref.offset + ref.length;

export function symbolAt(summary: FileSummary, offset: number): TemplateSymbol | undefined {
  const reference = summary.references.find((r) => inside(r.ref, offset));
  if (reference) return { type: 'reference', item: reference };
  const definition = summary.definitions.find((d) => inside(d.nameRef, offset));
  return definition ? { type: 'definition', item: definition } : undefined;
}

/** What changed between two summaries of one file, as the names whose users must be re-checked. */
export function changedNames(
  before: FileSummary | undefined,
  after: FileSummary | undefined,
): {
  definitions: Array<{ kind: TemplateDefinition['kind']; name: string }>;
  references: Array<{ kind: TemplateReference['kind']; name: string }>;
} {
  const defKey = (d: TemplateDefinition) =>
    JSON.stringify([
      d.kind,
      d.name,
      d.namespace ?? '',
      d.args.map((a) => [a.name, a.hasValue]),
      d.metrics.map((m) => [
        m.name,
        m.interval?.ms,
        m.count?.text,
        m.failureLimit?.text,
        m.consecutiveSuccessLimit?.text,
        m.initialDelayMs,
      ]),
    ]);
  const refKey = (r: TemplateReference) =>
    JSON.stringify([r.kind, r.name, r.namespace ?? '', r.suppliedArgs ?? [], r.context ?? '', r.durationMs ?? '']);
  const diff = <T extends { kind: TemplateDefinition['kind']; name: string }>(
    a: T[],
    b: T[],
    key: (t: T) => string,
  ) => {
    const keysA = new Set(a.map(key));
    const keysB = new Set(b.map(key));
    const out = new Map<string, { kind: T['kind']; name: string }>();
    for (const t of a) if (!keysB.has(key(t))) out.set(`${t.kind}/${t.name}`, { kind: t.kind, name: t.name });
    for (const t of b) if (!keysA.has(key(t))) out.set(`${t.kind}/${t.name}`, { kind: t.kind, name: t.name });
    return [...out.values()];
  };
  return {
    definitions: diff(before?.definitions ?? [], after?.definitions ?? [], defKey),
    references: diff(before?.references ?? [], after?.references ?? [], refKey),
  };
}
