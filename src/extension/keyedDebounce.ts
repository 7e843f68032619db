/**
 * One pending call per key (a document's URI), restarted by every new request: "lint this file
 * 150 ms after typing pauses", "rebuild its test items", "re-index its templates". Shared so the
 * three editor features that wait for a pause in typing do it the same way and dispose alike.
 */
export class KeyedDebounce {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs `fn` after `ms` unless another call for `key` comes first. */
  schedule(key: string, ms: number, fn: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, ms),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
