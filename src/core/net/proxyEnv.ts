/**
 * The proxy variables every command-line tool honours: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, in
 * lower case too (lower case wins, as curl and undici read them). Read from the environment the
 * caller passes, never from process.env behind its back, so tests and the editor decide.
 */
export interface ProxyEnv {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

export type EnvRecord = Readonly<Record<string, string | undefined>>;

function pick(env: EnvRecord, name: string): string {
  return (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim();
}

export function proxyEnvOf(env: EnvRecord): ProxyEnv {
  return { httpProxy: pick(env, 'http_proxy'), httpsProxy: pick(env, 'https_proxy'), noProxy: pick(env, 'no_proxy') };
}

/** Playwright's launch `proxy` option: one server for every scheme, NO_PROXY as the bypass list. */
export interface BrowserProxy {
  server: string;
  bypass?: string;
  username?: string;
  password?: string;
}

/**
 * The browser gets the proxy the API steps use (HTTPS_PROXY first: journeys are mostly https).
 * Credentials written in the proxy URL move to Playwright's username/password fields, so they are
 * never part of a command line. Playwright makes Chromium proxy loopback too (`<-loopback>`),
 * which matches undici: only NO_PROXY exempts a host.
 */
export function browserProxyOf(p: ProxyEnv): BrowserProxy | undefined {
  const raw = p.httpsProxy || p.httpProxy;
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  const out: BrowserProxy = { server: `${u.protocol}//${u.host}` };
  if (u.username) out.username = decodeURIComponent(u.username);
  if (u.password) out.password = decodeURIComponent(u.password);
  const bypass = p.noProxy
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(',');
  if (bypass) out.bypass = bypass;
  return out;
}

/** A proxy URL safe to print: scheme, host and port only. */
export function proxyDisplay(raw: string): string {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the proxy';
  }
}
