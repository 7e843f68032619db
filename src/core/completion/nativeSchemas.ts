/**
 * The JSON Schemas of every kind we check (src/core/schema), as completion and hover read them.
 * Bundled with the code (esbuild inlines JSON), so nothing is read from disk at activation.
 */
import { SCHEMAS } from '../schema/schemaValidator';
import type { NativeSchemas } from './completeAt';

const ALL = SCHEMAS as NativeSchemas;

export function nativeSchemas(): NativeSchemas {
  return ALL;
}
