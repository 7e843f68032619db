/**
 * synthetic/unsafe-side-effects: a journey runs against production every few minutes from several
 * locations. A write there creates real orders, sends real mail, deletes real data. A write is any
 * method but GET/HEAD/OPTIONS, and also a GET that names one through a method-override header or
 * `_method` (many frameworks honour those). Only the author knows whether the write is harmless or
 * hits a sandbox, so adding `side_effects` is offered as a suggestion, never applied automatically.
 * The runner enforces the same at run time (and in the browser, where lint cannot see the page).
 */
import type { YAMLMap } from 'yaml';
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { asMap, nodeAt } from '../../../parse/yamlNodes';
import type { Fix } from '../../finding';
import { setMapValue } from '../../fixes/yamlEdits';
import type { RequestStep } from '../../../synthetic/model';
import {
  allowsWrites,
  effectiveMethod,
  isWriteMethod,
  METHOD_OVERRIDE_HEADERS,
  SIDE_EFFECT_VALUES,
} from '../../../journey/sideEffects';

const ID = 'synthetic/unsafe-side-effects';

export const unsafeSideEffects: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description:
      'A request that changes data (any method but GET/HEAD/OPTIONS, or an override naming one) declares `side_effects: sandbox` or `harmless`.',
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['synthetic'],
    messages: {
      write:
        '{{method}} changes data, and this journey runs against production again and again. If it changes nothing a customer or the business sees (a sign-in, a search), say so with `side_effects: harmless`; if it only touches a sandbox or test account, with `side_effects: sandbox`; otherwise check with GET/HEAD/OPTIONS instead.',
      override:
        'This {{request}} asks the server for {{method}} ({{via}}), and many frameworks do what it asks: it is a write. Declare `side_effects: harmless` or `side_effects: sandbox` if that is safe, otherwise remove the override.',
      unknownValue:
        '`side_effects: {{value}}` is not a value Release Safety knows: write `side_effects: harmless` if the step changes nothing a customer or the business sees, or `side_effects: sandbox` if it only touches a sandbox or test account; otherwise it must not write from a synthetic journey.',
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const doc = ctx.document.doc;
    for (const journey of config.journeys) {
      for (const step of journey.steps) {
        const declared = step.sideEffects;
        const stepMap = () =>
          asMap(nodeAt(doc.contents, ['synthetic', 'journeys', journey.index, 'steps', step.index], doc), doc);
        if (declared && !allowsWrites(declared.value)) {
          // Any step may declare side effects (a click that posts a form); a wrong value allows nothing.
          const map = stepMap();
          ctx.report({
            ...declared.ref,
            messageId: 'unknownValue',
            data: { value: declared.value },
            ...(map ? { suggestions: suggestions(ctx.file.text, map) } : {}),
          });
          continue;
        }
        const spec = step.spec;
        if (spec.kind !== 'request' || declared) continue;
        const write = staticWrite(spec);
        if (!write) continue;
        const map = stepMap();
        ctx.report({
          ...write.ref,
          ...(write.via
            ? { messageId: 'override', data: { request: spec.method, method: write.method, via: write.via } }
            : { messageId: 'write', data: { method: write.method } }),
          ...(map ? { suggestions: suggestions(ctx.file.text, map) } : {}),
        });
      }
    }
  },
};

/** The write a request step makes as written (an override from a variable is left to the runner). */
function staticWrite(
  spec: RequestStep,
): { method: string; via?: string; ref: { offset: number; length: number } } | undefined {
  const headers = spec.headers.map((h): [string, string] => [h.name, h.value]);
  const contentType = spec.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const body =
    spec.body === undefined || spec.body === null
      ? undefined
      : typeof spec.body === 'string'
        ? spec.body
        : JSON.stringify(spec.body);
  const eff = effectiveMethod({
    method: spec.method,
    headers,
    url: spec.url,
    body,
    contentType: contentType ?? (typeof spec.body === 'object' && spec.body ? 'application/json' : undefined),
  });
  if (!isWriteMethod(eff.method)) return undefined;
  const fallback = spec.urlRef ?? { offset: 0, length: 0 };
  if (!eff.via) return { method: eff.method, ref: fallback };
  const header = spec.headers.find(
    (h) =>
      METHOD_OVERRIDE_HEADERS.includes(h.name.toLowerCase()) && eff.via?.toLowerCase().startsWith(h.name.toLowerCase()),
  );
  const ref = header?.ref ?? (/in the body$/.test(eff.via) ? spec.bodyRef : undefined) ?? fallback;
  return { method: eff.method, via: eff.via, ref };
}

function suggestions(text: string, step: YAMLMap): Fix[] {
  const titles: Record<(typeof SIDE_EFFECT_VALUES)[number], string> = {
    sandbox: 'Declare `side_effects: sandbox` (only if this step really hits a sandbox or test account)',
    harmless: 'Declare `side_effects: harmless` (only if it changes nothing a customer or the business sees)',
  };
  return SIDE_EFFECT_VALUES.map((v) => ({ title: titles[v], edits: [setMapValue(text, step, 'side_effects', v)] }));
}
