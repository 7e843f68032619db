/**
 * schema/invalid-value: a value outside what the format allows (`on_failure: rollbak`, `channel: slak:#x`, `frequency: often`) means a rollback, an alert or a check that never happens as written.
 */
import { schemaRule } from './schemaReport';
import { INVALID_VALUE_MESSAGES } from './schemaMessages';

export const invalidValue = schemaRule(
  'schema/invalid-value',
  'Values are ones the format allows (`on_failure` rollback/pause/alert, channel kinds, durations, units, status codes).',
  INVALID_VALUE_MESSAGES,
);
