/**
 * Writes the rule ids of the registry into package.json (`releaseSafety.rules` properties).
 * Run after adding or renaming a rule: node --import tsx scripts/sync-rule-settings.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuleMetas } from '../src/core/lint/rules/index';
import { ruleSettingsProperties } from './ruleSettings';

const file = join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
pkg.contributes.configuration.properties['releaseSafety.rules'].properties = ruleSettingsProperties(allRuleMetas());
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: ${allRuleMetas().length} rule ids in releaseSafety.rules`);
