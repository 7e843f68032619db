/**
 * schema/missing-key: a journey without steps, an alert without a channel or a step without an action cannot do its job; the finding points at the thing that lacks the key.
 */
import { schemaRule } from './schemaReport';
import { MISSING_KEY_MESSAGES } from './schemaMessages';

export const missingKey = schemaRule(
  'schema/missing-key',
  "Keys the format needs are present (a journey's `name` and `steps`, an alert's `channel`, a step's action).",
  MISSING_KEY_MESSAGES,
);
