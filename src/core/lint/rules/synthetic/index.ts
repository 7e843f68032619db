import type { Rule } from '../../rule';
import { missingAlert } from './missing-alert';
import { noAssertions } from './no-assertions';
import { hardcodedSecret } from './hardcoded-secret';
import { unsafeSideEffects } from './unsafe-side-effects';
import { insecureUrl } from './insecure-url';
import { slowFrequency } from './slow-frequency';
import { singleLocation } from './single-location';

/** The synthetic/* rules, in the order of the README's rules table. */
export const syntheticRules: Rule[] = [
  missingAlert,
  noAssertions,
  hardcodedSecret,
  unsafeSideEffects,
  insecureUrl,
  slowFrequency,
  singleLocation,
];
