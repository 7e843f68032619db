/**
 * Waits `ms` unless the signal fires first; then it resolves early (never rejects) and the caller
 * checks why. Shared by the journey runner, the canary watcher and the CLI's watch loop.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
