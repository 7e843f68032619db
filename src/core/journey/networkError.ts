/**
 * Turns what Node's fetch (undici) throws into one sentence a user can act on. fetch reports
 * everything as `TypeError: fetch failed` with the real reason in `cause` (an errno code, a TLS
 * verification code, an undici code), sometimes one level deeper.
 */
import { errorCodes } from '../net/trustedCa';
import type { FailureKind } from './result';
import { TRUST_HINT, untrustedCertificate } from '../net/trustedCa';
import { PROXY_FAILED, proxyMessage } from '../net/network';

export interface NetworkFailure {
  kind: FailureKind;
  message: string;
}

function messagesOf(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const m = (cur as { message?: unknown }).message;
    if (typeof m === 'string' && m) parts.push(m);
    cur = (cur as { cause?: unknown }).cause;
  }
  return parts.join(': ');
}

/** `url` is the address that was being fetched; `phase` is "connecting" or "reading the body". */
export function describeNetworkError(e: unknown, url: URL, phase: 'connecting' | 'reading the body'): NetworkFailure {
  const codes = errorCodes(e);
  const host = url.host;
  if (codes.includes(PROXY_FAILED)) return { kind: 'network', message: proxyMessage(e) };
  const untrusted = untrustedCertificate(codes);
  if (untrusted)
    return {
      kind: 'tls',
      message: `the TLS certificate of ${host} is not trusted: ${untrusted.why} (${untrusted.code}). ${TRUST_HINT} (NODE_EXTRA_CA_CERTS=/path/to/ca.pem works too)`,
    };
  const has = (...c: string[]) => codes.some((x) => c.includes(x));
  const text = messagesOf(e);
  if (has('ECONNREFUSED'))
    return {
      kind: 'network',
      message: `connection refused by ${host}: nothing is listening there. Is the service running, and are the host and port right?`,
    };
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'))
    return { kind: 'network', message: `the host ${url.hostname} was not found (DNS): check the URL or base_url` };
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE') || /other side closed|terminated/i.test(text))
    return {
      kind: 'network',
      message:
        phase === 'reading the body'
          ? `the connection to ${host} was closed while the body was arriving: the response is incomplete`
          : `the connection to ${host} was closed before an answer came`,
    };
  if (has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'))
    return {
      kind: 'timeout',
      message: `could not connect to ${host} in time (the network dropped the connection attempt)`,
    };
  if (has('EHOSTUNREACH', 'ENETUNREACH'))
    return { kind: 'network', message: `${host} cannot be reached from this machine (no route)` };
  if (has('EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number|SSL routines/i.test(text))
    return {
      kind: 'tls',
      message: `the TLS handshake with ${host} failed: is that port serving HTTPS? (use http:// for a plain HTTP port)`,
    };
  if (/bad port/i.test(text))
    return {
      kind: 'network',
      message: `fetch will not connect to port ${url.port}: browsers and Node block it for safety. Serve the endpoint on another port`,
    };
  if (
    has('HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_STATUS', 'HPE_INVALID_HEADER_TOKEN') ||
    codes.some((c) => c.startsWith('HPE_'))
  )
    return {
      kind: 'network',
      message: `${host} did not answer with valid HTTP (${codes.find((c) => c.startsWith('HPE_'))})`,
    };
  if (has('UND_ERR_HEADERS_OVERFLOW'))
    return { kind: 'network', message: `${host} sent response headers larger than Node accepts` };
  const detail = text.replace(/^fetch failed:?\s*/i, '') || 'unknown error';
  return { kind: 'network', message: `the request to ${host} failed while ${phase}: ${detail}` };
}
