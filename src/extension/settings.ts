/**
 * The editor's settings (`releaseSafety.*`), read per resource into one typed object, and their
 * combination with the `.release-safety.yaml` file that the CLI reads too.
 *
 * How they combine (also in the README and the setting descriptions): the nearest
 * `.release-safety.yaml` above the file (within its workspace folder) is applied first, then the
 * editor settings win rule by rule: a rule set in `releaseSafety.rules` overrides the file's value
 * for that rule only; the file's other rules stay. `releaseSafety.maxFirstStep`, when set, wins over
 * the file's `maxFirstStep`. Exclude globs add up. Which file governs a document is decided by
 * the core's ConfigResolver (configFiles.ts), as in the CLI.
 */
import * as vscode from 'vscode';
import { mergeLintConfigs, type LintConfig } from '../core/config/lintConfig';
import type { ResolvedConfig } from '../core/config/configResolver';
import type { SeveritySetting } from '../core/lint/finding';

export type LintOn = 'type' | 'save';

export interface EditorSettings {
  rules: Record<string, SeveritySetting>;
  /** Percent; undefined: the config file's value or the core's default (5). */
  maxFirstStep: number | undefined;
  include: string[];
  exclude: string[];
  lintOn: LintOn;
}

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export function readSettings(scope?: vscode.Uri): EditorSettings {
  const c = vscode.workspace.getConfiguration('releaseSafety', scope);
  const rulesRaw = c.get<Record<string, unknown>>('rules') ?? {};
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(rulesRaw)) {
    const s = typeof sev === 'string' ? sev.toLowerCase() : '';
    if (SEVERITIES.has(s)) rules[id] = s as SeveritySetting;
  }
  const max = c.get<number | null>('maxFirstStep');
  return {
    rules,
    maxFirstStep: typeof max === 'number' && max > 0 && max < 100 ? max : undefined,
    include: stringList(c.get('include'), DEFAULT_INCLUDE),
    exclude: stringList(c.get('exclude'), DEFAULT_EXCLUDE),
    lintOn: c.get<string>('lintOn') === 'save' ? 'save' : 'type',
  };
}

function stringList(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : fallback;
}

/** The config file first, then the editor settings rule by rule (see the top of this file). */
export function effectiveConfig(file: ResolvedConfig | undefined, settings: EditorSettings): LintConfig {
  return mergeLintConfigs(file?.config, {
    rules: settings.rules,
    ...(settings.maxFirstStep !== undefined ? { maxFirstStep: settings.maxFirstStep } : {}),
  });
}
