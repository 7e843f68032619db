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
      return new u.EnvHttpProxyAgent({ httpProxy: proxy.httpProxy, httpsProxy: proxy.httpsProxy, noProxy: proxy.noProxy, connect: tls, requestTls: tls, proxyTls: tls });
    }
    return new u.Agent({ connect: tls });
  };

  const doFetch: FetchLike = async (input, init) => {
    if (!useProxy && extra.length === 0) return globalThis.fetch(input, init);
    dispatcher ??= makeDispatcher();
    const d = await dispatcher;
    if (!settings.proxyEnv) {
      // The editor: keep the host's (patched) fetch, hand it our authorities through the agent.
      return globalThis.fetch(input, { ...init, dispatcher: d } as RequestInit);
    }
    const u = await undici();
    return (await u.fetch(input as never, { ...(init as object), dispatcher: d } as never)) as unknown as Response;
  };

  return {
    settings,
    fetch: doFetch,
    withCa: (pems) => (pems.length ? createNetwork({ ...settings, ca: [...extra, ...pems] }) : createNetwork(settings)),
    browserProxy: proxy ? browserProxyOf(proxy) : undefined,
    proxy: useProxy ? proxy : undefined,
  };
}

/** The network with nothing configured: Node's (or the host's) global fetch as it is. */
export const DIRECT_NETWORK: Network = createNetwork();
