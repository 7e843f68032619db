/**
 * The JSON Schemas of the native formats (src/core/schema), as completion reads them. Bundled
 * with the code (esbuild inlines JSON), so nothing is read from disk at activation.
 */
import canarySchema from '../schema/canary.schema.json';
import syntheticSchema from '../schema/synthetic.schema.json';
import type { NativeSchemas } from './completeAt';
import type { JsonSchema } from './schemaAt';

const SCHEMAS: NativeSchemas = { canary: canarySchema as JsonSchema, synthetic: syntheticSchema as JsonSchema };

export function nativeSchemas(): NativeSchemas {
  return SCHEMAS;
}
