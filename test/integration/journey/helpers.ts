/** Builds journeys from YAML text through the real parser and model builder, as the CLI does. */
import assert from 'node:assert/strict';
import { loadJourneyFile } from '../../../src/core/journey/safety';
import type { Journey } from '../../../src/core/synthetic/model';
import type { Ref } from '../../../src/core/parse/yamlNodes';

export function journeysOf(text: string): Journey[] {
  const loaded = loadJourneyFile(text);
  assert.deepEqual(loaded.problems, [], 'the test YAML must parse');
  const problems = loaded.configs.flatMap((c) => c.problems ?? []);
  assert.deepEqual(problems, [], 'the test YAML must build');
  return loaded.journeys;
}

/** The source text a Ref points at. */
export function textAt(text: string, ref: Ref | undefined): string {
  assert.ok(ref, 'a source range');
  return text.slice(ref.offset, ref.offset + ref.length);
}

/** A synthetic file with one API journey of the given steps (YAML lines, indented by the caller). */
export function apiFile(baseUrl: string, steps: string, extra = ''): string {
  return `synthetic:
  base_url: ${baseUrl}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: api journey
${extra}      steps:
${steps}`;
}
