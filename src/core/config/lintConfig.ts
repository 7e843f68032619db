/**
 * `.release-safety.yaml`: rule severities and settings shared by the CLI and the editor.
 *   rules: { canary/big-first-step: off, synthetic/*: warning }
 *   maxFirstStep: 10
 *   budget: { slo: "99.9%", window: 30d, max_spend: "10%" }
 * Reading it never throws: problems come back as messages.
 */
import { parse } from 'yaml';
import type { SeveritySetting } from '../lint/finding';
import { readBudgetPolicy } from '../budget/budgetPolicy';

export const CONFIG_FILE_NAME = '.release-safety.yaml';
const SEVERITIES: SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export interface LintConfig {
  /** Rule id (or `prefix/*`) -> severity. */
  rules: Record<string, SeveritySetting>;
  maxFirstStep?: number;
  /** Globs (relative to the config file) the CLI and the workspace lint skip. */
  exclude?: string[];
  /** The risk budget for every canary under this file (a canary's own `budget:` wins). */
  budget?: Record<string, unknown>;
}

export function parseLintConfig(text: string): { config: LintConfig; problems: string[] } {
  const problems: string[] = [];
  const config: LintConfig = { rules: {} };
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50 });
  } catch (e) {
    return {
      config,
      problems: [
        `${CONFIG_FILE_NAME} is not valid YAML (${(e as Error).message.split('\n')[0]}); its settings are ignored.`,
      ],
    };
  }
  if (data === null || data === undefined) return { config, problems };
  if (typeof data !== 'object' || Array.isArray(data))
    return { config, problems: [`${CONFIG_FILE_NAME} must be a map with a "rules" key; its settings are ignored.`] };
  const obj = data as Record<string, unknown>;
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules))
      problems.push('"rules" must map rule ids to off, info, warning or error.');
    else
      for (const [id, sev] of Object.entries(obj.rules as Record<string, unknown>)) {
        const s = typeof sev === 'string' ? sev.toLowerCase() : sev;
        if (SEVERITIES.includes(s as SeveritySetting)) config.rules[id] = s as SeveritySetting;
        else problems.push(`rules.${id}: "${String(sev)}" is not a severity; use off, info, warning or error.`);
      }
  }
  if (obj.maxFirstStep !== undefined) {
    if (typeof obj.maxFirstStep === 'number' && obj.maxFirstStep > 0 && obj.maxFirstStep < 100)
      config.maxFirstStep = obj.maxFirstStep;
    else problems.push('maxFirstStep must be a percent between 0 and 100.');
  }
  if (obj.exclude !== undefined) {
    if (Array.isArray(obj.exclude) && obj.exclude.every((g) => typeof g === 'string'))
      config.exclude = obj.exclude as string[];
    else problems.push('exclude must be a list of globs.');
  }
  if (obj.budget !== undefined) {
    const read = readBudgetPolicy(obj.budget);
    if (read.ok) config.budget = obj.budget as Record<string, unknown>;
    else problems.push(...read.problems.map((p) => `${p} The budget is ignored.`));
  }
  return { config, problems };
}

/** The severity setting for a rule: exact id first, then `prefix/*`, else undefined (default). */
export function severityFor(
  rules: Record<string, SeveritySetting> | undefined,
  ruleId: string,
): SeveritySetting | undefined {
  if (!rules) return undefined;
  if (Object.prototype.hasOwnProperty.call(rules, ruleId)) return rules[ruleId];
  const prefix = ruleId.split('/')[0];
  const wildcard = `${prefix}/*`;
  if (Object.prototype.hasOwnProperty.call(rules, wildcard)) return rules[wildcard];
  return undefined;
}

/** Later layers win rule by rule (e.g. the config file, then the editor's settings). */
export function mergeLintConfigs(...layers: Array<Partial<LintConfig> | undefined>): LintConfig {
  const out: LintConfig = { rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(out.rules, layer.rules ?? {});
    if (layer.maxFirstStep !== undefined) out.maxFirstStep = layer.maxFirstStep;
    if (layer.budget !== undefined) out.budget = layer.budget;
    if (layer.exclude) out.exclude = [...(out.exclude ?? []), ...layer.exclude];
  }
  return out;
}
