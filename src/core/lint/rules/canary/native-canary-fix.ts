/**
 * Fixes that set one key of a native `canary:` map (`on_failure: rollback`, `interval: 5m`, ...),
 * as text edits that keep the user's comments and layout. Shared by the canary rules' fixes.
 */
import type { Fix } from '../../finding';
import type { RuleContext } from '../../rule';
import { asMap, pairOf } from '../../../parse/yamlNodes';
import { fillEmptyPair, setMapValue, type YamlValue } from '../../fixes/yamlEdits';

export function setNativeCanaryKey(ctx: RuleContext, title: string, key: string, value: YamlValue): Fix | undefined {
  const doc = ctx.document.doc;
  const pair = pairOf(asMap(doc.contents, doc), 'canary');
  if (!pair) return undefined;
  // No `doc` on purpose: an aliased canary map (`canary: *shared`) is not resolved, so it gets no
  // automatic fix; editing the anchor would change every place that shares it.
  const map = asMap(pair.value);
  const edit = map ? setMapValue(ctx.file.text, map, key, value) : fillEmptyPair(ctx.file.text, pair, key, value);
  return edit ? { title, edits: [edit] } : undefined;
}
