/**
 * schema/wrong-type: a value of the wrong kind (`steps: 5`, `alerts: slack`) cannot be used: the part of the config it belongs to silently does nothing, or the journey cannot run.
 */
import { schemaRule } from './schemaReport';
import { WRONG_TYPE_MESSAGES } from './schemaMessages';

export const wrongType = schemaRule(
  'schema/wrong-type',
  'A value of the wrong type (a list where text belongs, a map where a list belongs) is a value the runner or the canary cannot use.',
  WRONG_TYPE_MESSAGES,
);
