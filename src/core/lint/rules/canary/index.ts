import type { Rule } from '../../rule';

/** The canary/* rules, in the order of spec §3. */
export const canaryRules: Rule[] = [];
