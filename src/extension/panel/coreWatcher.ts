/**
 * The bridge to the core's live canary watcher: the source the plan names (scrape or Prometheus)
 * and the core's CanaryWatcher, which polls, backs off while the source fails and keeps a bounded
 * history. Typed as the panel's narrow `WatcherFactory`, so the compiler checks that the core
 * still satisfies what the editor layer uses.
 */
import { CanaryWatcher } from '../../core/canary/watcher';
import { createSource } from '../../core/canary/createSource';
import type { WatcherFactory } from './liveCanary';

/** The core's history ring: 240 readings is an hour at the default 15 s (the panel charts 30 min). */
const HISTORY_SIZE = 240;

export const createCoreWatcher: WatcherFactory = (plan, options) =>
  // createSource throws a SourceError in plain words when the source is unusable.
  new CanaryWatcher(plan, createSource(plan), { intervalMs: options.intervalMs, historySize: HISTORY_SIZE, ...(options.budget ? { budget: options.budget } : {}) });
