import type { Rule } from '../../rule';

/** The synthetic/* rules, in the order of spec §3. */
export const syntheticRules: Rule[] = [];
