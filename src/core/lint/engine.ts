/**
 * Lints one file's text: parse, sniff, build each document's model once, run the rules that
 * apply, then apply severities and suppression comments. Pure: no file system, no editor.
 */
import { parseFile, type ParsedFile, type ParseLimits, type SourceDocument } from '../parse/parseFile';
import type { Finding, Severity } from './finding';
import type { LintSettings, Report, Rule, RuleContext } from './rule';
import { DEFAULT_LINT_SETTINGS, reportMessage } from './rule';
import { allRules } from './rules/index';
import { buildCanaryPlan } from '../plan/buildPlan';
import { buildSyntheticConfig } from '../synthetic/buildSynthetic';
import type { CanaryPlan } from '../plan/canaryPlan';
import type { SyntheticConfig } from '../synthetic/model';
import { severityFor, type LintConfig } from '../config/lintConfig';
import { findSuppressions, isSuppressed } from './suppression';
import { projectView, type ProjectOptions, type ProjectView } from '../project/projectView';

export interface LintOptions {
  config?: LintConfig;
  settings?: Partial<LintSettings>;
  limits?: ParseLimits;
  /** Rules to run (default: the whole catalog). */
  rules?: Rule[];
  /** The files linted together with this one (default: this file alone). */
  project?: ProjectOptions;
}

export interface LintResult {
  file: ParsedFile;
  findings: Finding[];
  /** Rules that threw (a bug of ours): reported, never fatal. */
  internalErrors: string[];
}

const CANARY_KINDS = new Set(['canary', 'argo-rollout', 'flagger-canary']);

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const file = parseFile(text, options.limits);
  return lintParsed(file, options);
}

export function lintParsed(file: ParsedFile, options: LintOptions = {}): LintResult {
  const settings = lintSettingsOf(options);
  const raw: Finding[] = [...file.findings];
  const internalErrors: string[] = [];
  const project = projectOf(file, options);
  for (const document of file.documents) {
    // A document with syntax errors gets only those: its tree is not what the user meant.
    if (!document.kind || file.findings.some((f) => f.docIndex === document.index)) continue;
    raw.push(...lintDocument(file, document, settings, options, internalErrors, project));
  }
  const findings = finishFindings(file, raw, options.config);
  return { file, findings, internalErrors };
}

/** The settings rules read: defaults, then the config's, then the caller's. */
export function lintSettingsOf(options: LintOptions): LintSettings {
  return {
    ...DEFAULT_LINT_SETTINGS,
    ...(options.config?.maxFirstStep !== undefined ? { maxFirstStep: options.config.maxFirstStep } : {}),
    ...(options.config?.budget !== undefined ? { budget: options.config.budget } : {}),
    ...stripUndefined(options.settings ?? {}),
  };
}

/** The other documents and files a rule may look at (references across files), built on first use. */
export function projectOf(file: ParsedFile, options: LintOptions): () => ProjectView {
  let project: ProjectView | undefined;
  return () => (project ??= projectView(file, options.project));
}

/**
 * Runs the rules over one document of a file (which must have a kind and no syntax errors): the
 * raw findings, before severities and suppression comments apply (`finishFindings`). A rule looks
 * at its own document, and through `project` at the templates it names elsewhere: a caller that
 * keeps a document's findings re-lints the documents that refer to others when those change.
 */
export function lintDocument(
  file: ParsedFile,
  document: SourceDocument,
  settings: LintSettings,
  options: LintOptions,
  internalErrors: string[],
  project: () => ProjectView = projectOf(file, options),
): Finding[] {
  const raw: Finding[] = [];
  if (!document.kind) return raw;
  const ctx = new DocumentContext(file, document, settings, raw, project);
  for (const rule of options.rules ?? allRules) {
    if (!rule.meta.appliesTo.includes(document.kind)) continue;
    if (severityFor(options.config?.rules, rule.meta.id) === 'off') continue;
    ctx.current = rule;
    try {
      rule.check(ctx);
    } catch (e) {
      internalErrors.push(`${rule.meta.id} failed on document ${document.index + 1}: ${(e as Error).message}`);
    }
  }
  return raw;
}

/**
 * One document's rule context. A class, not an object literal with getters: a literal's getter
 * closures give every document a hidden class of its own (slow property reads in every rule, a
 * new map promoted to the old generation per document).
 */
class DocumentContext implements RuleContext {
  current?: Rule;
  #plan: CanaryPlan | undefined | null = null;
  #synthetic: SyntheticConfig | undefined | null = null;

  constructor(
    readonly file: ParsedFile,
    readonly document: SourceDocument,
    readonly settings: LintSettings,
    private readonly out: Finding[],
    private readonly projectOf: () => ProjectView,
  ) {}

  get plan(): CanaryPlan | undefined {
    if (this.#plan === null)
      this.#plan = CANARY_KINDS.has(this.document.kind ?? '') ? buildCanaryPlan(this.document, this.file) : undefined;
    return this.#plan;
  }

  get project(): ProjectView {
    return this.projectOf();
  }

  get synthetic(): SyntheticConfig | undefined {
    if (this.#synthetic === null)
      this.#synthetic = this.document.kind === 'synthetic' ? buildSyntheticConfig(this.document, this.file) : undefined;
    return this.#synthetic;
  }

  report(r: Report): void {
    const rule = this.current!;
    this.out.push({
      rule: rule.meta.id,
      severity: rule.meta.defaultSeverity,
      message: reportMessage(rule.meta, r),
      ...(r.messageId !== undefined ? { messageId: r.messageId } : {}),
      offset: r.offset,
      length: r.length,
      ...(r.fix ? { fix: r.fix } : {}),
      ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}),
      docIndex: this.document.index,
    });
  }
}

/** Severities from the config, suppression comments, duplicates dropped, sorted by offset. */
export function finishFindings(file: ParsedFile, raw: Finding[], config: LintConfig | undefined): Finding[] {
  const suppressions = findSuppressions(file.text, () => file.lineIndex);
  const out: Finding[] = [];
  // Duplicates (same rule, range and message) by offset: no key string built per finding.
  const kept = new Map<number, Finding[]>();
  for (const f of raw) {
    const setting = severityFor(config?.rules, f.rule);
    if (setting === 'off') continue;
    // Lines only matter (and the line index is only built) when the file has suppression comments.
    if (suppressions.byLine.size > 0 && isSuppressed(suppressions, file.lineIndex.positionAt(f.offset).line, f.rule))
      continue;
    const atOffset = kept.get(f.offset);
    if (atOffset?.some((k) => k.rule === f.rule && k.length === f.length && k.message === f.message)) continue;
    if (atOffset) atOffset.push(f);
    else kept.set(f.offset, [f]);
    out.push(setting ? { ...f, severity: setting as Severity } : f);
  }
  return out.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
