/** The one result model of linting: every reporter and the editor read these. Offsets inside. */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** The rule's message id (`meta.messages`), when the rule reports by id. */
  messageId?: string;
  offset: number;
  length: number;
  /** A safe fix that may be applied automatically (fix-all, `source.fixAll`). */
  fix?: Fix;
  /** Changes the user must choose deliberately: never applied automatically. */
  suggestions?: Fix[];
  /** Index of the YAML document (`---`) the finding belongs to. */
  docIndex?: number;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 2, warning: 1, info: 0 };
