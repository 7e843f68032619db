/**
 * The ajv validator of each `NAME.schema.json` in this folder, by NAME.
 *
 * This file compiles them with ajv when first asked (unit tests, `tsx`). The build replaces the
 * whole module with validators that ajv compiled at build time (scripts/precompileSchemas.mjs,
 * ajv's standalone code, for every *.schema.json here), so the extension and the CLI neither ship
 * ajv's compiler nor spend a few hundred milliseconds compiling on the first lint. Both paths use
 * ajvOptions.json (a unit test holds their results equal):
 * - allErrors and verbose: every problem, each with its schema (titles, descriptions, allowed keys)
 *   for messages in the user's words;
 * - strict off: the schemas carry editor keywords (markdownDescription, enumDescriptions,
 *   defaultSnippets); allowUnionTypes: `type: [string, number]`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import options from './ajvOptions.json';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of `NAME.schema.json` (`schema` is that file's content). */
export function compiledValidator(name: string, schema: object): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= new Ajv(options);
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}
