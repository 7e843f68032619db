/**
 * One HTTP exchange through the caller's network (core/net: proxy, trusted CAs), bounded: redirects are followed by hand (at most
 * `maxRedirects`, loops detected, credentials never forwarded to another origin), the body is
 * streamed and reading stops at `maxBytes`, and every wait honours the step's AbortSignal.
 * Never throws: a failure comes back as data.
 */
import { describeNetworkError } from './networkError';
import type { FetchLike } from '../net/network';
import type { StepDeadline } from './deadline';
import type { FailureKind } from './result';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpLimits {
  maxRedirects: number;
  maxBytes: number;
  /** false: a 3xx is the answer (the step expects a redirect). */
  followRedirects: boolean;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** The final URL, after redirects. */
  url: URL;
  text: string;
  bytes: number;
  redirects: number;
  ttfbMs: number;
  totalMs: number;
}

export type HttpOutcome =
  | { ok: true; response: HttpResponse }
  | {
      ok: false;
      kind: FailureKind;
      message: string;
      ttfbMs?: number;
      totalMs: number;
      status?: number;
      redirects: number;
    };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: dropped when a redirect leaves the origin, as browsers do. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export async function httpFetch(
  request: HttpRequest,
  limits: HttpLimits,
  deadline: StepDeadline,
  fetchFn: FetchLike = globalThis.fetch,
): Promise<HttpOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let { method, url, body } = request;
  let headers = { ...request.headers };
  const visited = [url.href];
  let redirects = 0;
  for (;;) {
    let res: Response;
    try {
      res = await fetchFn(url, { method, headers, body, redirect: 'manual', signal: deadline.signal });
    } catch (e) {
      const why = deadline.why('the response headers');
      if (why) return { ok: false, ...why, totalMs: elapsed(), redirects };
      return { ok: false, ...describeNetworkError(e, url, 'connecting'), totalMs: elapsed(), redirects };
    }
    const location = res.headers.get('location');
    if (limits.followRedirects && REDIRECT_STATUSES.has(res.status) && location) {
      await discard(res);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return {
          ok: false,
          kind: 'redirect',
          message: `${url.pathname} redirected to "${location}", which is not a URL`,
          totalMs: elapsed(),
          status: res.status,
          redirects,
        };
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return {
          ok: false,
          kind: 'redirect',
          message: `${url.pathname} redirected to a ${next.protocol} URL; only http and https are followed`,
          totalMs: elapsed(),
          status: res.status,
          redirects,
        };
      if (visited.includes(next.href)) {
        const loop = [...visited.slice(visited.indexOf(next.href)), next.href]
          .map((h) => shortUrl(new URL(h), request.url))
          .join(' -> ');
        return {
          ok: false,
          kind: 'redirect',
          message: `redirect loop: ${loop}. Fix the redirects on the server, or expect the 3xx status to stop here`,
          totalMs: elapsed(),
          status: res.status,
          redirects,
        };
      }
      if (redirects >= limits.maxRedirects)
        return {
          ok: false,
          kind: 'redirect',
          message: `more than ${limits.maxRedirects} redirects (last: ${shortUrl(url, request.url)} -> ${shortUrl(next, request.url)}); a chain that long is almost always a misconfiguration`,
          totalMs: elapsed(),
          status: res.status,
          redirects,
        };
      redirects++;
      visited.push(next.href);
      // 303, and 301/302 after a POST, turn into a GET without a body (what every client does).
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = withoutHeaders(headers, ['content-type', 'content-length']);
      }
      if (next.origin !== url.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
      url = next;
      continue;
    }
    const ttfbMs = elapsed();
    const tooLarge = (n: string) =>
      `the response is larger than ${formatBytes(limits.maxBytes)} (${n}); reading stopped there. Check a smaller resource, or raise the cap`;
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await discard(res);
      return {
        ok: false,
        kind: 'too-large',
        message: tooLarge(`Content-Length ${formatBytes(declared)}`),
        ttfbMs,
        totalMs: elapsed(),
        status: res.status,
        redirects,
      };
    }
    const read = await readCapped(res, limits.maxBytes);
    if (read.error === 'too-large')
      return {
        ok: false,
        kind: 'too-large',
        message: tooLarge(`over ${formatBytes(read.bytes)} had arrived`),
        ttfbMs,
        totalMs: elapsed(),
        status: res.status,
        redirects,
      };
    if (read.error) {
      const why = deadline.why(`the rest of the body (${formatBytes(read.bytes)} had arrived)`);
      if (why) return { ok: false, ...why, ttfbMs, totalMs: elapsed(), status: res.status, redirects };
      return {
        ok: false,
        ...describeNetworkError(read.error, url, 'reading the body'),
        ttfbMs,
        totalMs: elapsed(),
        status: res.status,
        redirects,
      };
    }
    return {
      ok: true,
      response: {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
        url,
        text: read.text,
        bytes: read.bytes,
        redirects,
        ttfbMs,
        totalMs: elapsed(),
      },
    };
  }
}

/** One decoder for every body (it keeps no state between whole-buffer decodes). */
const utf8 = new TextDecoder('utf-8');

async function readCapped(res: Response, maxBytes: number): Promise<{ text: string; bytes: number; error?: unknown }> {
  if (!res.body) return { text: '', bytes: 0 };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { text: '', bytes, error: 'too-large' };
      }
      chunks.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    return { text: '', bytes, error: e };
  }
  return { text: utf8.decode(Buffer.concat(chunks)), bytes };
}

async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // the connection is gone already: nothing left to release
  }
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

/** A path when the origin is the request's, the full URL otherwise (for short loop messages). */
export function shortUrl(u: URL, base: URL): string {
  return u.origin === base.origin ? `${u.pathname}${u.search}` : u.href;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
