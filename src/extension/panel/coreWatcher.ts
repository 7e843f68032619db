/**
 * The bridge to the core's live canary watcher. Until src/core/canary lands, watching says so
 * plainly instead of pretending.
 */
import type { WatcherFactory } from './liveCanary';

export const createCoreWatcher: WatcherFactory = () => {
  throw new Error('live canary status is not available in this build yet.');
};
