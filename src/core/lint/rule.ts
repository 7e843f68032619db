/** The shape of one lint rule: metadata plus a check over one document (eslint's shape). */
import type { Fix, Severity } from './finding';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import type { DocumentKind } from '../parse/sniff';
import type { CanaryPlan } from '../plan/canaryPlan';
import type { Ref } from '../parse/yamlNodes';
import type { SyntheticConfig } from '../synthetic/model';

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
}

export interface LintSettings {
  /** Percent; `canary/big-first-step` fires above it. Default 5. */
  maxFirstStep: number;
}

export const DEFAULT_LINT_SETTINGS: LintSettings = { maxFirstStep: 5 };

export interface Report extends Ref {
  message: string;
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
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
