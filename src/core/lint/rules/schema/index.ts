import type { Rule } from '../../rule';

/** The schema/* rules (JSON Schema validation of the native formats). */
export const schemaRules: Rule[] = [];
