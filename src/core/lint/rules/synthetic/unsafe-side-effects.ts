/**
 * synthetic/unsafe-side-effects: a journey runs against production every few minutes from several
 * locations. A POST/PUT/PATCH/DELETE there creates real orders, sends real mail, deletes real data.
 * Only the author knows whether the target is a sandbox, so adding `side_effects: sandbox` is
 * offered as a suggestion, never applied automatically.
 */
import type { YAMLMap } from 'yaml';
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { asMap, nodeAt } from '../../../parse/yamlNodes';
import type { Fix } from '../../finding';
import { setMapValue } from '../../fixes/yamlEdits';

const ID = 'synthetic/unsafe-side-effects';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const unsafeSideEffects: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: 'A request that changes data (any method but GET/HEAD/OPTIONS) declares `side_effects: sandbox`.',
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['synthetic'],
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const doc = ctx.document.doc;
    for (const journey of config.journeys) {
      for (const step of journey.steps) {
        const spec = step.spec;
        if (spec.kind !== 'request' || SAFE_METHODS.has(spec.method)) continue;
        if (spec.sideEffects?.value === 'sandbox') continue;
        const map = asMap(nodeAt(doc.contents, ['synthetic', 'journeys', journey.index, 'steps', step.index], doc), doc);
        const suggestion = map ? sandboxSuggestion(ctx.file.text, map) : undefined;
        const wrong = spec.sideEffects;
        ctx.report({
          ...(wrong ? wrong.ref : spec.urlRef ?? step.keyRef),
          message: wrong
            ? `\`side_effects: ${wrong.value}\` is not a value Release Safety knows: write \`side_effects: sandbox\` if this ${spec.method} only touches a sandbox or test account, otherwise do not send it from a synthetic journey.`
            : `${spec.method} changes data, and this journey runs against production again and again. If it only touches a sandbox or test account, say so with \`side_effects: sandbox\`; otherwise check with GET/HEAD/OPTIONS instead.`,
          ...(suggestion ? { suggestions: [suggestion] } : {}),
        });
      }
    }
  },
};

function sandboxSuggestion(text: string, step: YAMLMap): Fix {
  return { title: 'Declare `side_effects: sandbox` (only if this request really hits a sandbox or test account)', edits: [setMapValue(text, step, 'side_effects', 'sandbox')] };
}
