/**
 * Lints successive versions of one file, re-parsing and re-linting only the `---` documents that
 * changed: each document's raw findings (before severities and suppression comments) are kept
 * with its parse and moved with it when an edit above shifts it. What spans documents (the
 * suppression comments, severities, order) is recomputed from those kept results on every pass,
 * and `documents` exposes them for a pass over several documents or files.
 *
 * The result equals `lintText(text, options)` for the same text (tests hold the two equal).
 */
import type { Finding } from './finding';
import {
  finishFindings,
  lintDocument,
  lintSettingsOf,
  lintText,
  projectOf,
  type LintOptions,
  type LintResult,
} from './engine';
import type { DocumentKind } from '../parse/sniff';

/**
 * Documents that name templates in other documents or files (and read them: references, arguments,
 * the budget's time to roll back), and the kinds they name: when a template of the file changes,
 * or the files linted together do, the referring documents are linted again.
 */
const REFERRING_KINDS: ReadonlySet<DocumentKind> = new Set(['argo-rollout', 'argo-experiment', 'flagger-canary']);
const TEMPLATE_KINDS: ReadonlySet<DocumentKind> = new Set([
  'argo-analysis-template',
  'flagger-metric-template',
  'flagger-alert-provider',
]);
import { YamlDocuments, type DocumentChunk } from '../parse/yamlDocuments';
import type { ParseLimits, SourceDocument } from '../parse/parseFile';

/** One document's lint, kept between passes. */
export interface DocumentLint {
  document: SourceDocument;
  /** Raw findings of the document's rules (and its syntax errors), in file offsets. */
  findings: readonly Finding[];
}

interface Kept {
  /** Rule findings in the chunk's current offsets, without docIndex; undefined: not linted yet. */
  findings?: Finding[];
  internalErrors: string[];
  /** Where the chunk was when `findings` were computed. */
  start: number;
}

export class IncrementalLinter {
  private readonly parser: YamlDocuments;
  private kept = new WeakMap<DocumentChunk, Kept>();
  private optionsKey: string | undefined;
  private lastDocuments: DocumentLint[] = [];
  /** The template documents of the last pass and the project it was linted with. */
  private lastTemplates = new Set<DocumentChunk>();
  private lastProject: string | undefined;
  /** Documents whose rules ran in the last pass (the rest came from the cache). */
  linted = 0;

  /** `limits` apply to every pass (of the options' `limits`, only `ours` is read). */
  constructor(private readonly limits: ParseLimits = {}) {
    this.parser = new YamlDocuments(limits);
  }

  /** The per-document results of the last pass, in file order. */
  get documents(): readonly DocumentLint[] {
    return this.lastDocuments;
  }

  lint(text: string, options: LintOptions = {}): LintResult {
    this.linted = 0;
    // Other rules or settings: nothing kept is valid any more.
    const key = keyOf(options);
    if (key !== this.optionsKey || options.rules) {
      this.optionsKey = key;
      this.parser.clear();
      this.kept = new WeakMap();
    }
    // The options may add `ours` (the editor saw one of our kinds in this file before): it matters
    // only when the file is parsed whole, which is when its syntax errors are reported.
    const limits: ParseLimits = { ...this.limits, ...(options.limits?.ours ? { ours: true } : {}) };
    const isTemplate = (c: DocumentChunk) => c.kind !== null && TEMPLATE_KINDS.has(c.kind);
    const changed: DocumentChunk[] = [];
    const file = this.parser.parse(text, (c) => isTemplate(c) && changed.push(c), limits);
    const chunks = this.parser.current;
    // Templates of this file edited, added or removed: the documents naming them may be stale.
    // When the other files changed (a new project), every referring document may be.
    const templates = new Set(chunks.filter(isTemplate));
    for (const c of this.lastTemplates) if (!templates.has(c)) changed.push(c);
    const changedNames = changed.map(templateName).filter((n): n is string => !!n);
    // The other files, not the options object (a new one comes with every pass).
    const projectStamp = options.project
      ? `${options.project.file}|${options.project.index.stampExcept(options.project.file)}`
      : undefined;
    const projectChanged = projectStamp !== this.lastProject;
    const stale = (c: DocumentChunk) =>
      projectChanged || changed.some((t) => !templateName(t)) || changedNames.some((n) => c.text.includes(n));
    this.lastTemplates = templates;
    this.lastProject = projectStamp;
    if (chunks.length === 0) {
      // Parsed whole (see YamlDocuments): lint it whole.
      const whole = lintText(text, { ...options, limits });
      this.lastDocuments = whole.file.documents.map((document) => ({
        document,
        findings: whole.findings.filter((f) => f.docIndex === document.index),
      }));
      this.linted = whole.file.documents.length;
      return whole;
    }
    const settings = lintSettingsOf(options);
    const raw: Finding[] = [];
    const internalErrors: string[] = [];
    const documents: DocumentLint[] = [];
    const project = projectOf(file, options);
    let i = 0;
    for (const chunk of chunks) {
      if (!chunk.doc) continue;
      const document = file.documents[i++];
      const own: Finding[] = chunk.errors.map((e) => ({ ...e, docIndex: document.index }));
      if (document.kind && chunk.errors.length === 0) {
        let kept = REFERRING_KINDS.has(document.kind) && stale(chunk) ? undefined : this.kept.get(chunk);
        if (!kept?.findings) {
          const errors: string[] = [];
          const found = lintDocument(file, document, settings, options, errors, project).map(
            ({ docIndex: _d, ...f }) => f,
          );
          kept = { findings: found, internalErrors: errors, start: chunk.start };
          this.kept.set(chunk, kept);
          this.linted++;
        } else if (kept.start !== chunk.start) {
          const delta = chunk.start - kept.start;
          kept.findings = kept.findings!.map((f) => shifted(f, delta));
          kept.start = chunk.start;
        }
        for (const f of kept.findings!) own.push({ ...f, docIndex: document.index });
        internalErrors.push(
          ...kept.internalErrors.map((m) => m.replace(/on document \d+/, `on document ${document.index + 1}`)),
        );
      }
      raw.push(...own);
      documents.push({ document, findings: own });
    }
    this.lastDocuments = documents;
    return { file, findings: finishFindings(file, raw, options.config), internalErrors };
  }
}

function keyOf(options: LintOptions): string {
  return JSON.stringify([
    options.config?.rules ?? {},
    options.config?.maxFirstStep ?? null,
    options.config?.budget ?? null,
    options.settings ?? {},
  ]);
}

function shifted(f: Finding, delta: number): Finding {
  const edits = (fix: NonNullable<Finding['fix']>) => ({
    ...fix,
    edits: fix.edits.map((e) => ({ ...e, offset: e.offset + delta })),
  });
  return {
    ...f,
    offset: f.offset + delta,
    ...(f.fix ? { fix: edits(f.fix) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map(edits) } : {}),
  };
}

/** A template document's `metadata.name` (what referring documents name it by). */
function templateName(c: DocumentChunk): string | undefined {
  const name = c.doc?.getIn(['metadata', 'name']);
  return typeof name === 'string' && name !== '' ? name : undefined;
}
