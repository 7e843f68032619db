/** Picks the live source a canary plan's `source` describes (docs/formats/canary.md, Source). */
import { isAbsolute, join, relative } from 'node:path';
import type { CanaryPlan, SourceAccessConfig } from '../plan/canaryPlan';
import { DIRECT_NETWORK, type Network } from '../net/network';
import { authorizationOf, type SecretLookup } from '../net/sourceAuth';
import { CaFileError, readCaFile } from '../net/trustedCa';
import type { EndpointAccess } from './httpText';
import { PrometheusSource } from './prometheusSource';
import { ScrapeSource } from './scrapeSource';
import { SourceError, type CanarySource } from './source';

export interface SourceSettings {
  /** Prometheus: the rate window (`{{interval}}`). */
  windowMs?: number;
  timeoutMs?: number;
  clock?: () => number;
  /** Proxy and trusted authorities (the CLI's environment and --cacert; the editor's host fetch). */
  network?: Network;
  /** `${secret:NAME}` in `auth:`: the environment in the CLI, SecretStorage in the editor. */
  secrets?: SecretLookup;
  /** Where to set a missing secret, in the caller's words. */
  secretHint?: (name: string) => string;
  /** The folder of the config file: `ca:` paths are relative to it. */
  baseDir?: string;
}

/** Throws a SourceError that says what to write when the plan has no usable source. */
export function createSource(plan: CanaryPlan, settings: SourceSettings = {}): CanarySource {
  const src = plan.source;
  const common = {
    metrics: plan.metrics,
    requestsMetric: src?.requestsMetric,
    latencyMetric: src?.latencyMetric,
    statusLabel: src?.statusLabel,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
  };
  if (src?.prometheus) {
    const p = src.prometheus;
    if (!p.url || !p.canary || !p.baseline)
      throw new SourceError(
        'source.prometheus needs url, canary and baseline (label matchers such as \'{job="checkout",track="canary"}\').',
      );
    const access = accessOf(p, 'source.prometheus', settings);
    return new PrometheusSource({
      ...common,
      url: p.url,
      canary: p.canary,
      baseline: p.baseline,
      access,
      ...(settings.windowMs !== undefined ? { windowMs: settings.windowMs } : {}),
    });
  }
  if (src?.scrape) {
    const s = src.scrape;
    if (!s.canary || !s.baseline)
      throw new SourceError('source.scrape needs canary and baseline: the URLs of their /metrics endpoints.');
    return new ScrapeSource({
      ...common,
      canary: s.canary,
      baseline: s.baseline,
      access: accessOf(s, 'source.scrape', settings),
    });
  }
  throw new SourceError(
    'The canary has no source to read live status from; add source.scrape (two /metrics URLs) or source.prometheus (url and label matchers).',
  );
}

/** The network with the source's own `ca:` added, and its `auth:` as a lazily resolved header. */
function accessOf(config: SourceAccessConfig, where: string, settings: SourceSettings): EndpointAccess {
  let network = settings.network ?? DIRECT_NETWORK;
  if (config.ca !== undefined) {
    if (!config.ca.trim())
      throw new SourceError(
        `${where}.ca is empty; name a PEM file (relative to this file) with your authority's certificate.`,
      );
    const path = isAbsolute(config.ca) || !settings.baseDir ? config.ca : join(settings.baseDir, config.ca);
    const shown = settings.baseDir && !isAbsolute(config.ca) ? config.ca : relative(process.cwd(), path) || path;
    try {
      network = network.withCa(readCaFile(path, `${where}.ca (${shown})`));
    } catch (e) {
      if (e instanceof CaFileError) throw new SourceError(e.message.charAt(0).toUpperCase() + e.message.slice(1));
      throw e;
    }
  }
  const access: EndpointAccess = { network, authWhere: `${where}.auth` };
  const auth = config.auth;
  if (auth) {
    const secrets = settings.secrets ?? (() => undefined);
    const hint = settings.secretHint ?? ((name: string) => `set ${name}`);
    // Resolved once per source: a prompt in the editor is shown once, not on every poll.
    let header: Promise<string> | undefined;
    access.authorize = () => (header ??= authorizationOf(auth, secrets, hint, where));
    access.authWhere = `${where}.auth`;
  }
  return access;
}
