/**
 * The embedded source (docs/formats/canary.md, Source): reads the canary's and the baseline's `/metrics` endpoints
 * (global fetch, a timeout, a body limit) and hands the bodies to a ScrapeWindow, which computes
 * each gate from the difference between two scrapes as `rate()` and `histogram_quantile()` would.
 */
import type { PlanMetric } from '../plan/canaryPlan';
import { endpointOf, getText, type Endpoint, type EndpointAccess } from './httpText';
import { ScrapeWindow } from './scrapeWindow';
import { SourceError, type CanarySource, type MetricNames, type SourceSample } from './source';

export interface ScrapeSourceOptions extends Partial<MetricNames> {
  canary: string;
  baseline: string;
  /** Network, credentials: the same for both endpoints. */
  access?: EndpointAccess;
  metrics: readonly Pick<PlanMetric, 'name' | 'query'>[];
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** Per endpoint body (default 32 MB). */
  maxBytes?: number;
  /** Samples kept per endpoint (default 200,000). */
  maxSeries?: number;
  clock?: () => number;
}

export class ScrapeSource implements CanarySource {
  readonly kind = 'scrape' as const;
  readonly description: string;
  private readonly endpoints: { canary: Endpoint; baseline: Endpoint };
  private readonly window: ScrapeWindow;
  private readonly clock: () => number;

  constructor(private readonly options: ScrapeSourceOptions) {
    this.endpoints = {
      canary: endpointOf(options.canary, 'canary', options.access),
      baseline: endpointOf(options.baseline, 'baseline', options.access),
    };
    this.description = `scrape ${this.endpoints.canary.display} (canary) and ${this.endpoints.baseline.display} (baseline)`;
    this.window = new ScrapeWindow(options);
    this.clock = options.clock ?? Date.now;
  }

  async read(signal?: AbortSignal): Promise<SourceSample> {
    const [canaryText, baselineText] = await Promise.all([
      this.fetch('canary', signal),
      this.fetch('baseline', signal),
    ]);
    return this.window.next(canaryText, baselineText, this.clock());
  }

  /** Forgets the previous scrape (after a pause, a window across the gap would mislead). */
  reset(): void {
    this.window.reset();
  }

  private async fetch(side: 'canary' | 'baseline', signal?: AbortSignal): Promise<string> {
    const endpoint = this.endpoints[side];
    const res = await getText(endpoint, endpoint.url, {
      timeoutMs: this.options.timeoutMs ?? 5000,
      maxBytes: this.options.maxBytes ?? 32 * 1024 * 1024,
      accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1',
      ...(signal ? { signal } : {}),
    });
    if (res.status < 200 || res.status > 299) {
      throw new SourceError(
        `The ${side} endpoint ${endpoint.display} answered HTTP ${res.status}; check that it serves Prometheus metrics at that path.`,
      );
    }
    return res.text;
  }
}
