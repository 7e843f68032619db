/**
 * What counts as a write, shared by the lint rule, the API step runner and the browser guard so
 * that the three can never disagree. A write is a request whose method is not GET, HEAD or
 * OPTIONS, or one that asks the server to treat it as such a method: many frameworks honour a
 * method-override header (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override) or a
 * `_method` parameter (Rails, Laravel, Express's method-override), so `GET /orders/42` with
 * `X-HTTP-Method-Override: DELETE` deletes the order.
 */

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The values of `side_effects:` that allow a step's writes. */
export const SIDE_EFFECT_VALUES = ['sandbox', 'harmless'] as const;
export type SideEffectDeclaration = (typeof SIDE_EFFECT_VALUES)[number];

export const METHOD_OVERRIDE_HEADERS: readonly string[] = [
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
];
export const METHOD_PARAM = '_method';

export function allowsWrites(declared: string | undefined): declared is SideEffectDeclaration {
  return declared !== undefined && (SIDE_EFFECT_VALUES as readonly string[]).includes(declared.trim());
}

export function isWriteMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.trim().toUpperCase());
}

export interface EffectiveMethod {
  /** The method the server acts on: the override's when there is one, else the request's. */
  method: string;
  /** How the method was named when it is not the request line's, e.g. `X-HTTP-Method-Override: DELETE`. */
  via?: string;
}

export interface RequestShape {
  method: string;
  /** Header name -> value (any case). */
  headers: Iterable<[string, string]>;
  url: URL | string;
  /** The body as sent, when it is text. */
  body?: string;
  contentType?: string;
}

/**
 * The method a request really asks for. An override that names a write wins; an override that
 * names a safe method never turns a write into a read (a server that ignores overrides still
 * does the POST).
 */
export function effectiveMethod(request: RequestShape): EffectiveMethod {
  const method = request.method.trim().toUpperCase();
  let override: EffectiveMethod | undefined;
  for (const [name, value] of request.headers) {
    if (!METHOD_OVERRIDE_HEADERS.includes(name.toLowerCase())) continue;
    const named = methodToken(value);
    if (named && isWriteMethod(named)) override ??= { method: named, via: `${canonicalHeader(name)}: ${named}` };
  }
  if (!override) {
    const param = methodParam(request.url, request.body, request.contentType);
    if (param) override = param;
  }
  if (override && override.method !== method) return override;
  return { method };
}

/** `_method=DELETE` in the query, or in a form-encoded (or JSON) body. */
function methodParam(
  url: URL | string,
  body: string | undefined,
  contentType: string | undefined,
): EffectiveMethod | undefined {
  let query: URLSearchParams | undefined;
  try {
    query = (typeof url === 'string' ? new URL(url, 'http://x') : url).searchParams;
  } catch {
    query = undefined;
  }
  const fromQuery = methodToken(query?.get(METHOD_PARAM) ?? undefined);
  if (fromQuery && isWriteMethod(fromQuery))
    return { method: fromQuery, via: `${METHOD_PARAM}=${fromQuery} in the query` };
  if (!body) return undefined;
  const type = (contentType ?? '').toLowerCase();
  let fromBody: string | undefined;
  if (type.includes('json') || (!type && /^\s*\{/.test(body))) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        fromBody = methodToken((parsed as Record<string, unknown>)[METHOD_PARAM]);
    } catch {
      fromBody = undefined;
    }
  } else if (type.includes('multipart/form-data')) {
    // name="_method"\r\n\r\nDELETE
    fromBody = methodToken(/name="_method"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/i.exec(body)?.[1]);
  } else if (!type || type.includes('x-www-form-urlencoded') || type.includes('text/plain')) {
    fromBody = methodToken(new URLSearchParams(body).get(METHOD_PARAM) ?? undefined);
  }
  if (fromBody && isWriteMethod(fromBody)) return { method: fromBody, via: `${METHOD_PARAM}=${fromBody} in the body` };
  return undefined;
}

/** An HTTP method token (letters only), upper-cased; anything else (a variable, a typo with spaces) is undefined. */
export function methodToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toUpperCase();
  return /^[A-Z]{3,10}$/.test(t) ? t : undefined;
}

function canonicalHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
    .replace(/^X-Http-/, 'X-HTTP-');
}

/** The sentence that says which declaration would allow a write. */
export function declarationHint(): string {
  return "add `side_effects: harmless` to the step if it changes nothing a customer or the business sees (a sign-in, a search), or `side_effects: sandbox` if it only touches a sandbox (a test tenant, a payment provider's test mode)";
}
