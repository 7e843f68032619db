/**
 * The bridge to the core's live canary watcher: the source the plan names (scrape or Prometheus)
 * and the core's CanaryWatcher, which polls, backs off while the source fails and keeps a bounded
 * history. Typed as the panel's narrow `WatcherFactory`, so the compiler checks that the core
 * still satisfies what the editor layer uses.
 */
import { CanaryWatcher } from '../../core/canary/watcher';
import { createSource } from '../../core/canary/createSource';
import { createNetwork } from '../../core/net/network';
import type { SecretLookup } from '../../core/net/sourceAuth';
import type { WatcherFactory } from './liveCanary';
import { backfillSeries, backfillStepMs } from '../../core/canary/backfill';

/** The core's history ring: 240 readings is an hour at the default 15 s (the panel charts 30 min). */
const HISTORY_SIZE = 240;

/**
 * `secrets` resolves a source's `auth:` secrets (SecretStorage, asked once, masked). No proxy
 * environment is given to the network: the extension host's fetch already follows VS Code's
 * `http.proxy` settings and the system's certificates; a source's `ca:` is added on top.
 * A Prometheus source also fills the charts from its history (`query_range`) when watching starts.
 */
export function coreWatcherFactory(secrets: SecretLookup): WatcherFactory {
  const network = createNetwork();
  return (plan, options) => {
    // createSource throws a SourceError in plain words when the source is unusable.
    const source = createSource(plan, {
      network,
      secrets,
      secretHint: (name) => `enter it when asked, or store it with "Release Safety: Manage Journey Secrets" (${name})`,
      ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    });
    const watcher = new CanaryWatcher(plan, source, {
      intervalMs: options.intervalMs,
      historySize: HISTORY_SIZE,
      ...(options.budget ? { budget: options.budget } : {}),
    });
    const history = source.history?.bind(source);
    return {
      onReading: (listener) => watcher.onReading(listener),
      run: (signal) => watcher.run(signal),
      nextDelayMs: (last) => watcher.nextDelayMs(last as Parameters<CanaryWatcher['nextDelayMs']>[0]),
      ...(history
        ? {
            backfill: async (rangeMs: number, signal: AbortSignal) =>
              backfillSeries(plan, await history({ rangeMs, stepMs: backfillStepMs(options.intervalMs), signal })),
          }
        : {}),
    };
  };
}
