/**
 * The rule registry: every rule, from its group's index. The engine, SARIF's rule list, hovers,
 * the rule pick and package.json's `releaseSafety.rules` (scripts/sync-rule-settings.ts) derive
 * from it; test/unit/rules/registry.test.ts keeps it complete. `yaml/syntax` and `yaml/template` come from the parser.
 */
import type { RuleMeta, Rule } from '../rule';
import { yamlSyntaxMeta, yamlTemplateMeta } from './yaml/yamlMetas';
import { canaryRules } from './canary/index';
import { syntheticRules } from './synthetic/index';
import { schemaRules } from './schema/index';

export const allRules: Rule[] = [...canaryRules, ...syntheticRules, ...schemaRules];

export { yamlSyntaxMeta, yamlTemplateMeta };

/** Metadata of every rule id, for docs, hovers, SARIF and settings. */
export function allRuleMetas(): RuleMeta[] {
  return [...allRules.map((r) => r.meta), yamlSyntaxMeta, yamlTemplateMeta];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((m) => m.id === id);
}
