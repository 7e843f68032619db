/**
 * GET through the caller's network (proxy, trusted authorities; see core/net) with a timeout, a
 * body size limit and errors in plain words. Credentials written into a URL
 * (`http://user:pass@host`) move into an Authorization header, because fetch refuses such URLs and
 * because they must never show up in a message; a source's `auth:` is added the same way. A 401 or
 * 403 is never data: it is a SourceError that names the refusal.
 */
import { SourceError } from './source';
import { errorCodes, TRUST_HINT, untrustedCertificate } from '../net/trustedCa';
import { DIRECT_NETWORK, PROXY_FAILED, proxyMessage, type Network } from '../net/network';

export interface Endpoint {
  /** The URL without credentials. */
  url: string;
  /** Safe to print: no user, no password, no query string (it may carry a token). */
  display: string;
  headers: Record<string, string>;
  /** What it is, for messages: "Prometheus", "canary", "baseline". */
  what: string;
  network: Network;
  /** The source's `auth:` as an Authorization header value, resolved when first needed. */
  authorize?: () => Promise<string>;
  /** Where credentials are set, for the refusal message (e.g. "source.prometheus.auth"). */
  authWhere?: string;
}

export interface EndpointAccess {
  network?: Network;
  authorize?: () => Promise<string>;
  authWhere?: string;
}

export function endpointOf(raw: string, what: string, access: EndpointAccess = {}): Endpoint {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new SourceError(`The ${what} URL is not a valid URL; write it as http://host:port/path.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new SourceError(`The ${what} URL uses ${u.protocol.replace(/:$/, '')}; use http or https.`);
  }
  const headers: Record<string, string> = {};
  if (u.username || u.password) {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  return {
    url: u.toString(),
    display: `${u.origin}${u.pathname}`,
    headers,
    what,
    network: access.network ?? DIRECT_NETWORK,
    ...(access.authorize ? { authorize: access.authorize } : {}),
    ...(access.authWhere ? { authWhere: access.authWhere } : {}),
  };
}

export interface GetOptions {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  accept?: string;
}

export interface TextResponse {
  status: number;
  text: string;
}

/** Resolves for any HTTP status (callers decide); rejects with a SourceError for network trouble. */
export async function getText(endpoint: Endpoint, url: string, options: GetOptions): Promise<TextResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = { ...endpoint.headers, accept: options.accept ?? '*/*' };
  if (endpoint.authorize) {
    try {
      headers.authorization = await endpoint.authorize();
    } catch (e) {
      throw new SourceError((e as Error).message);
    }
  }
  let response: Response;
  try {
    response = await endpoint.network.fetch(url, { headers, signal, redirect: 'follow' });
  } catch (e) {
    throw networkError(e, endpoint, options, timeout);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel().catch(() => undefined);
    throw refused(endpoint, response.status, !!headers.authorization);
  }
  try {
    const text = await readLimited(response, options.maxBytes, endpoint);
    return { status: response.status, text };
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw networkError(e, endpoint, options, timeout);
  }
}

async function readLimited(response: Response, maxBytes: number, endpoint: Endpoint): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(endpoint, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(endpoint, maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(endpoint: Endpoint, maxBytes: number): SourceError {
  return new SourceError(
    `${endpoint.display} answered more than ${Math.round(maxBytes / 1024 / 1024)} MB; point the source at an endpoint with fewer series.`,
  );
}

/** 401/403 in plain words; the stale verdict follows, never a healthy one. */
function refused(endpoint: Endpoint, status: number, sentCredentials: boolean): SourceError {
  const who = endpoint.what === 'Prometheus' ? 'Prometheus' : `The ${endpoint.what} endpoint`;
  const where = endpoint.authWhere ?? 'the source';
  const what = status === 401 ? 'refused the credentials' : 'refused access with these credentials';
  if (sentCredentials)
    return new SourceError(
      `${who} ${what} (HTTP ${status} from ${endpoint.display}); check the user and secret in ${where}.`,
    );
  return new SourceError(
    `${who} refused the request: it needs credentials (HTTP ${status} from ${endpoint.display}); add auth: {bearer: "\${secret:NAME}"} or auth: {basic: {user: NAME, password: "\${secret:NAME}"}} to ${where}.`,
  );
}

function networkError(e: unknown, endpoint: Endpoint, options: GetOptions, timeout: AbortSignal): SourceError {
  if (timeout.aborted)
    return new SourceError(
      `${endpoint.display} did not answer within ${options.timeoutMs / 1000}s; check that it is up and reachable.`,
    );
  if (options.signal?.aborted) return new SourceError('Stopped.');
  const c = (e as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })?.cause;
  const cause = c?.code ?? c?.errors?.find((x) => x?.code)?.code;
  const codes = errorCodes(e);
  if (codes.includes(PROXY_FAILED)) {
    const m = proxyMessage(e);
    return new SourceError(`${m.charAt(0).toUpperCase()}${m.slice(1)} (reading ${endpoint.display}).`);
  }
  const tls = untrustedCertificate(codes);
  if (tls)
    return new SourceError(
      `The TLS certificate of ${endpoint.display} is not trusted: ${tls.why} (${tls.code}). ${TRUST_HINT}.`,
    );
  if (c?.message === 'bad port')
    return new SourceError(
      `${endpoint.display} uses a port that fetch blocks for safety; serve the metrics on another port.`,
    );
  if (cause === 'ECONNREFUSED')
    return new SourceError(`Could not connect to ${endpoint.display} (connection refused); is the service running?`);
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN')
    return new SourceError(`The host of ${endpoint.display} is unknown; check the URL.`);
  if (cause === 'ECONNRESET' || cause === 'UND_ERR_SOCKET')
    return new SourceError(`${endpoint.display} closed the connection; check that it is healthy.`);
  return new SourceError(
    `Could not read ${endpoint.display} (${cause ?? c?.message ?? (e as Error)?.message ?? 'network error'}).`,
  );
}
