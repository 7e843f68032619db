/** The three exports of a file, by target: one entry point for the CLI and the editor. */
import { parseFile } from '../parse/parseFile';
import { buildCanaryPlan } from '../plan/buildPlan';
import { exportPrometheusRules } from './prometheusRules';
import { exportArgo } from './toArgo';
import { exportFlagger } from './toFlagger';

export const EXPORT_TARGETS = ['prometheus-rules', 'argo', 'flagger'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export type ExportOutcome = { ok: true; text: string; notes: string[] } | { ok: false; error: string };

export function exportText(target: ExportTarget, text: string, fileLabel: string): ExportOutcome {
  const file = parseFile(text);
  const syntax = file.findings.find((f) => f.severity === 'error');
  if (syntax) return { ok: false, error: `${fileLabel} does not parse (${syntax.message}); fix it and export again.` };
  if (target === 'prometheus-rules') {
    const r = exportPrometheusRules(file, fileLabel);
    if (r.count === 0)
      return {
        ok: false,
        error: `${fileLabel} has nothing to alert on: no synthetic journey and no canary with a prometheus source.${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`,
      };
    return { ok: true, text: r.text, notes: r.notes };
  }
  const plans = file.documents
    .filter((d) => d.kind === 'canary')
    .map((d) => buildCanaryPlan(d, file))
    .filter((p) => p !== undefined);
  if (plans.length === 0)
    return {
      ok: false,
      error: `${fileLabel} has no native canary (a document with a top-level "canary:" key) to export.`,
    };
  const parts = plans.map((plan) => (target === 'argo' ? exportArgo(plan, fileLabel) : exportFlagger(plan, fileLabel)));
  return { ok: true, text: parts.map((p) => p.text).join('---\n'), notes: parts.flatMap((p) => p.notes) };
}
