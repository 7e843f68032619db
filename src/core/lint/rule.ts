/** The shape of one lint rule: metadata plus a check over one document (eslint's shape). */
import type { Fix, Severity } from './finding';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import type { DocumentKind } from '../parse/sniff';
import type { CanaryPlan } from '../plan/canaryPlan';
import type { Ref } from '../parse/yamlNodes';
import type { SyntheticConfig } from '../synthetic/model';
import type { ProjectView } from '../project/projectView';

export const DOCS_BASE = 'https://github.com/release-safety/release-safety/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule protects. */
  description: string;
  docsUrl: string;
  /** Has a safe automatic fix (suggestions do not count). */
  fixable: boolean;
  /** Which documents the rule looks at. */
  appliesTo: readonly DocumentKind[];
  /**
   * The rule's messages by id (eslint's `meta.messages`): `{{name}}` is filled from a report's
   * `data`. Tests assert the id, so the English can change without touching them.
   */
  messages?: Record<string, string>;
}

export interface LintSettings {
  /** Percent; `canary/big-first-step` fires above it. Default 5. */
  maxFirstStep: number;
  /** `.release-safety.yaml`'s `budget:` as written, for canaries without their own. */
  budget?: unknown;
}

export const DEFAULT_LINT_SETTINGS: LintSettings = { maxFirstStep: 5 };

/** Values substituted into a message template's `{{name}}` placeholders. */
export type MessageData = Record<string, string | number>;

export interface Report extends Ref {
  /** One of `meta.messages`' ids (preferred), with the values of its placeholders. */
  messageId?: string;
  data?: MessageData;
  /** A literal message: only for rules not yet written with `meta.messages`. */
  message?: string;
  fix?: Fix;
  suggestions?: Fix[];
}

export interface RuleContext {
  /** The typed synthetic model, for synthetic documents (built once per document). */
  readonly synthetic: SyntheticConfig | undefined;
  file: ParsedFile;
  document: SourceDocument;
  settings: LintSettings;
  /** The normalised canary plan, for canary documents (built once per document). */
  readonly plan: CanaryPlan | undefined;
  /** The templates of the files linted together with this one (this file alone by default). */
  readonly project: ProjectView;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Fills `{{name}}` placeholders of a message template; an unknown name stays visible as is. */
export function formatMessage(template: string, data: MessageData = {}): string {
  const parts = templateParts(template);
  let out = parts[0];
  // parts: text, then (whole placeholder, its name, text after it) for each placeholder
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i + 1];
    out += (Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : parts[i]) + parts[i + 2];
  }
  return out;
}

const PLACEHOLDER = /(\{\{\s*(\w+)\s*\}\})/;
/** Templates split once (they are the rules' `meta.messages`: a few hundred at most). */
const splitTemplates = new Map<string, string[]>();

function templateParts(template: string): string[] {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    if (splitTemplates.size < 2000) splitTemplates.set(template, parts);
  }
  return parts;
}

/** The text of a report: its message id's template filled from its data, else its literal message. */
export function reportMessage(meta: RuleMeta, report: Pick<Report, 'messageId' | 'data' | 'message'>): string {
  if (report.messageId !== undefined) {
    const template = meta.messages?.[report.messageId];
    if (template === undefined) throw new Error(`${meta.id} has no message "${report.messageId}"`);
    return formatMessage(template, report.data);
  }
  if (report.message === undefined) throw new Error(`${meta.id} reported neither a messageId nor a message`);
  return report.message;
}
