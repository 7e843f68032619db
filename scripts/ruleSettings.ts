/**
 * The part of package.json that comes from the rule registry: one `releaseSafety.rules` property
 * per rule id, so the Settings editor and settings.json complete rule ids and show each rule's
 * default and description. `scripts/sync-rule-settings.ts` writes it; a unit test checks it.
 */
import type { RuleMeta } from '../src/core/lint/rule';

export const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'] as const;

export interface SeverityProperty {
  type: 'string';
  enum: string[];
  markdownDescription: string;
}

/** `schema/*` rules are one group in the docs; every other id gets its own entry. */
export function ruleSettingsProperties(metas: readonly RuleMeta[]): Record<string, SeverityProperty> {
  const out: Record<string, SeverityProperty> = {};
  for (const m of metas) {
    out[m.id] = {
      type: 'string',
      enum: [...SEVERITY_SETTINGS],
      markdownDescription: `${m.description} Default: \`${m.defaultSeverity}\`. [Documentation](${m.docsUrl})`,
    };
  }
  return out;
}
