/**
 * Reads a synthetic file for running: its journeys, and which of them lint forbids. A journey with
 * an error-level `synthetic/*` (or `schema/*`) finding is refused with that finding's message:
 * an unsafe POST, a hard-coded secret or a silent check is never sent to a real endpoint.
 * Shared by the CLI's `run` and the editor's Test Explorer so both refuse the same journeys.
 */
import type { LintConfig } from '../config/lintConfig';
import { lintText } from '../lint/engine';
import type { Finding } from '../lint/finding';
import type { ParsedFile } from '../parse/parseFile';
import { buildSyntheticConfig } from '../synthetic/buildSynthetic';
import type { Journey, SyntheticConfig } from '../synthetic/model';
import type { Refusal } from './runner';

export interface JourneyFile {
  file: ParsedFile;
  configs: SyntheticConfig[];
  /** Every journey of every synthetic document, in file order. */
  journeys: Journey[];
  /** Journeys that must not run, with the reason. */
  refusals: Map<Journey, Refusal>;
  /** Problems that stop the whole file (syntax errors, no synthetic document). */
  problems: Finding[];
  findings: Finding[];
}

/** Rule families whose errors make a journey unsafe or meaningless to run. */
function blocksRun(f: Finding): boolean {
  return f.severity === 'error' && (f.rule.startsWith('synthetic/') || f.rule.startsWith('schema/'));
}

export function loadJourneyFile(text: string, options: { config?: LintConfig } = {}): JourneyFile {
  const { file, findings } = lintText(text, { config: options.config });
  const problems = findings.filter((f) => f.severity === 'error' && f.rule === 'yaml/syntax');
  const configs: SyntheticConfig[] = [];
  for (const document of file.documents) {
    if (document.kind !== 'synthetic') continue;
    if (problems.some((p) => p.docIndex === undefined || p.docIndex === document.index)) continue;
    const config = buildSyntheticConfig(document, file);
    if (config) configs.push(config);
  }
  const journeys = configs.flatMap((c) => c.journeys);
  const refusals = refusalsFor(configs, findings);
  // What the builder could not read is refused too, even where a rule's severity was lowered.
  for (const config of configs) {
    for (const p of config.problems ?? []) {
      const targets =
        p.journeyIndex !== undefined ? [config.journeys[p.journeyIndex]].filter(Boolean) : config.journeys;
      for (const j of targets) if (!refusals.has(j)) refusals.set(j, { message: p.message, ref: p.ref });
    }
  }
  return { file, configs, journeys, refusals, problems, findings };
}

/**
 * Maps blocking findings to journeys: a finding inside a journey refuses that journey; one outside
 * every journey (on the shared `synthetic:` block, e.g. an inherited base_url) refuses all of its document's.
 */
export function refusalsFor(configs: SyntheticConfig[], findings: Finding[]): Map<Journey, Refusal> {
  const refusals = new Map<Journey, Refusal>();
  for (const f of findings.filter(blocksRun)) {
    for (const config of configs) {
      if (f.docIndex !== undefined && f.docIndex !== config.docIndex) continue;
      const inside = config.journeys.filter(
        (j) => f.offset >= j.ref.offset && f.offset < j.ref.offset + Math.max(1, j.ref.length),
      );
      const targets = inside.length ? inside : f.docIndex === config.docIndex ? config.journeys : [];
      for (const j of targets)
        if (!refusals.has(j))
          refusals.set(j, { message: `${f.message} (${f.rule})`, ref: { offset: f.offset, length: f.length } });
    }
  }
  return refusals;
}
