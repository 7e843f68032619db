/**
 * schema/unknown-key: a misspelt key (`intervall`, `on_failur`) is not an error in YAML, it is a
 * setting silently not applied: the canary runs without the interval or the rollback the author
 * believes is there. Reported on the key, with the closest valid key.
 */
import { schemaRule } from './schemaReport';
import { UNKNOWN_KEY_MESSAGES } from './schemaMessages';

export const unknownKey = schemaRule(
  'schema/unknown-key',
  'Every key of a native, Argo Rollouts or Flagger document is one its format knows (a typo is a setting silently ignored).',
  UNKNOWN_KEY_MESSAGES,
);
