import type { Rule } from '../../rule';
import { unknownKey } from './unknown-key';
import { wrongType } from './wrong-type';
import { missingKey } from './missing-key';
import { invalidValue } from './invalid-value';

/** The schema/* rules (JSON Schema validation of the native formats), one validation shared by all four. */
export const schemaRules: Rule[] = [unknownKey, wrongType, missingKey, invalidValue];
