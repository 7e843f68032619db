/**
 * How every HTTP caller of the core reaches the network: journeys, scrape and Prometheus sources,
 * `analyze`. One small object, made once by the CLI or the editor and passed down:
 *
 *   const network = createNetwork({ proxyEnv: io.env, ca: readCaFile(path) });
 *   const res = await network.fetch(url, { signal });
 *
 * - The CLI passes its environment: HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured by undici's
 *   EnvHttpProxyAgent, a maintained agent (CONNECT tunnels, NO_PROXY matching). Node's global
 *   fetch ignores those variables, and a dispatcher must come from the same undici as the fetch it
 *   is given to, so the fetch here is the npm undici's own.
 * - The editor passes no proxy environment: VS Code's extension host already patches the global
 *   fetch with the user's `http.proxy` settings and the system's certificates. Extra authorities
 *   go in an undici Agent's `connect.ca`, which that patch reads and keeps when it swaps in its
 *   own proxy agent.
 * Trusted authorities are Node's own, NODE_EXTRA_CA_CERTS and the extra PEMs: giving `ca`
 * replaces Node's default list, so the defaults are put back in explicitly.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { browserProxyOf, proxyEnvOf, type BrowserProxy, type EnvRecord, type ProxyEnv } from './proxyEnv';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface NetworkSettings {
  /** Environment to read proxy variables from (the CLI). Absent: the host's fetch decides (the editor). */
  proxyEnv?: EnvRecord;
  /** Extra trusted authorities, PEM text each (from --cacert, a source's `ca:`). */
  ca?: readonly string[];
}

export interface Network {
  readonly settings: NetworkSettings;
  fetch: FetchLike;
  /** The same network trusting more authorities (a source's `ca:` on top of --cacert). */
  withCa(pems: readonly string[]): Network;
  /** Playwright's launch `proxy` option for browser journeys; undefined when no proxy is set. */
  readonly browserProxy: BrowserProxy | undefined;
  /** The proxies in force, for messages (never credentials). */
  readonly proxy: ProxyEnv | undefined;
}

type Undici = typeof import('undici');
let undiciModule: Promise<Undici> | undefined;
/** Loaded on first use: lint and the editor's start never pay for it. */
function undici(): Promise<Undici> {
  undiciModule ??= import('undici');
  return undiciModule;
}

function extraFromEnv(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  } catch {
    return []; // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start
  }
}

export function createNetwork(settings: NetworkSettings = {}): Network {
  const extra = settings.ca ?? [];
  const proxy = settings.proxyEnv ? proxyEnvOf(settings.proxyEnv) : undefined;
  const useProxy = !!proxy && !!(proxy.httpProxy || proxy.httpsProxy);
  let dispatcher: Promise<import('undici').Dispatcher> | undefined;
  const ca = () => [...rootCertificates, ...extraFromEnv(), ...extra];

  const makeDispatcher = async () => {
    const u = await undici();
    const tls = extra.length ? { ca: ca() } : {};
    if (useProxy && proxy) {
      // Empty strings, not undefined: undici would fall back to process.env otherwise.
      return new u.EnvHttpProxyAgent({
        httpProxy: proxy.httpProxy,
        httpsProxy: proxy.httpsProxy,
        noProxy: proxy.noProxy,
        connect: tls,
        requestTls: tls,
        proxyTls: tls,
      });
    }
    return new u.Agent({ connect: tls });
  };

  const doFetch: FetchLike = async (input, init) => {
    if (!useProxy && extra.length === 0) return globalThis.fetch(input, init);
    dispatcher ??= makeDispatcher();
    const d = await dispatcher;
    if (!settings.proxyEnv) {
      // The editor: keep the host's (patched) fetch, hand it our authorities through the agent.
      // The npm undici's dispatcher and Node's bundled undici types differ only in name.
      return globalThis.fetch(input, { ...init, dispatcher: d } as unknown as RequestInit);
    }
    const u = await undici();
    try {
      return (await u.fetch(input as never, { ...(init as object), dispatcher: d } as never)) as unknown as Response;
    } catch (e) {
      throw proxyFailure(e, new URL(String(input)), proxy) ?? e;
    }
  };

  return {
    settings,
    fetch: doFetch,
    withCa: (pems) => (pems.length ? createNetwork({ ...settings, ca: [...extra, ...pems] }) : createNetwork(settings)),
    browserProxy: proxy ? browserProxyOf(proxy) : undefined,
    proxy: useProxy ? proxy : undefined,
  };
}

/** The `code` of an error whose message says, in words, that the proxy failed (not the server). */
export const PROXY_FAILED = 'RS_PROXY_FAILED';

const ERRNO_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'its host name is unknown',
  EAI_AGAIN: 'its host name is unknown',
  ECONNRESET: 'it closed the connection',
  ETIMEDOUT: 'it did not answer',
  EHOSTUNREACH: 'no route to it',
};

/**
 * fetch reports a proxy that is down exactly as a server that is down ("ECONNREFUSED"): tell them
 * apart by the address that failed, so the user is sent to the proxy, not the server.
 */
function proxyFailure(e: unknown, target: URL, proxy: ProxyEnv | undefined): Error | undefined {
  const raw = target.protocol === 'https:' ? proxy?.httpsProxy || proxy?.httpProxy : proxy?.httpProxy;
  if (!raw) return undefined;
  let p: URL;
  try {
    p = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  const shown = `${p.protocol}//${p.host}`;
  const from = target.protocol === 'https:' && proxy?.httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const proxyPort = Number(p.port || (p.protocol === 'https:' ? 443 : 80));
  const targetPort = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  for (
    let cur: unknown = e, i = 0;
    i < 5 && cur && typeof cur === 'object';
    i++, cur = (cur as { cause?: unknown }).cause
  ) {
    const c = cur as { code?: string; port?: number; hostname?: string; message?: string };
    const tunnel = typeof c.message === 'string' ? /Proxy response \((\d+)\)/.exec(c.message) : null;
    if (tunnel)
      return wrapped(
        `the proxy ${shown} (from ${from}) would not open a connection to ${target.host} (HTTP ${tunnel[1]}): ask for the host to be allowed, or add it to NO_PROXY`,
      );
    const isProxy =
      (c.port === proxyPort && c.port !== targetPort) ||
      (c.code && /^(ENOTFOUND|EAI_AGAIN)$/.test(c.code) && c.hostname === p.hostname && p.hostname !== target.hostname);
    if (isProxy && c.code && ERRNO_WORDS[c.code])
      return wrapped(
        `could not reach the proxy ${shown} (from ${from}): ${ERRNO_WORDS[c.code]}. Check the proxy address, or add ${target.hostname} to NO_PROXY`,
      );
  }
  return undefined;
}

/** The words of the proxy failure in an error's cause chain. */
export function proxyMessage(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    if ((cur as { code?: unknown }).code === PROXY_FAILED) return String((cur as { message?: unknown }).message);
    cur = (cur as { cause?: unknown }).cause;
  }
  return 'the proxy failed';
}

function wrapped(message: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code: PROXY_FAILED }) });
}

/** The network with nothing configured: Node's (or the host's) global fetch as it is. */
export const DIRECT_NETWORK: Network = createNetwork();
