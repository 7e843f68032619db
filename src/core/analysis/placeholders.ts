/**
 * Filling the placeholders of a query before it is sent: Argo's `{{args.NAME}}` (trimmed tags,
 * any unknown tag is an error, as Argo's fasttemplate resolver says "failed to resolve") and
 * Flagger's Go-template names `{{ interval }}`, `{{ namespace }}`, `{{ variables.NAME }}`.
 */
import type { FlaggerModel } from './flaggerQueries';

export type Filled = { ok: true; text: string } | { ok: false; missing: string[] };

const TAG = /\{\{([^{}]*)\}\}/g;

/** Argo: every `{{...}}` must be `args.NAME` with a value. */
export function fillArgoArgs(text: string, args: Record<string, string>): Filled {
  const missing: string[] = [];
  const out = text.replace(TAG, (whole, tag: string) => {
    const name = tag.trim();
    if (name.startsWith('args.') && Object.prototype.hasOwnProperty.call(args, name.slice(5)))
      return args[name.slice(5)];
    missing.push(name);
    return whole;
  });
  return missing.length ? { ok: false, missing } : { ok: true, text: out };
}

/** The `args.NAME` names a text uses. */
export function argoArgNames(text: string): string[] {
  return [...text.matchAll(TAG)]
    .map((m) => m[1].trim())
    .filter((t) => t.startsWith('args.'))
    .map((t) => t.slice(5));
}

const MODEL_NAMES = new Set(['name', 'namespace', 'target', 'service', 'ingress', 'route', 'interval']);

/** Flagger: `{{ name }}` of the model, `{{ variables.X }}`, with Go's `{{-` / `-}}` trimming. */
export function fillFlaggerQuery(text: string, model: FlaggerModel): Filled {
  const missing: string[] = [];
  const out = text.replace(
    /(\s*)\{\{(-?)([^{}]*?)(-?)\}\}(\s*)/g,
    (_whole, before: string, trimLeft: string, inner: string, trimRight: string, after: string) => {
      const name = inner.trim();
      let value: string | undefined;
      if (MODEL_NAMES.has(name)) value = model[name as keyof Omit<FlaggerModel, 'variables'>];
      else if (name.startsWith('variables.') && Object.prototype.hasOwnProperty.call(model.variables, name.slice(10)))
        value = model.variables[name.slice(10)];
      if (value === undefined) {
        missing.push(name);
        value = '';
      }
      return `${trimLeft ? '' : before}${value}${trimRight ? '' : after}`;
    },
  );
  return missing.length ? { ok: false, missing } : { ok: true, text: out };
}
