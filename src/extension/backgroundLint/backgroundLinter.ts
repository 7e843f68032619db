/**
 * Lints large documents on a worker thread, so that the extension host never stalls on them (an
 * 80,000-line file takes seconds to lint; the host must answer within a frame). One worker, started
 * on first use and restarted if it dies; requests are answered in order.
 */
import { Worker } from 'node:worker_threads';
import type { LintConfig } from '../../core/config/lintConfig';
import type { Finding } from '../../core/lint/finding';
import type { WorkerRequest, WorkerResponse } from './protocol';

export type LintedInBackground = Extract<WorkerResponse, { type: 'linted' }>;

/**
 * Gives back each finding its `fix` and `suggestions`, read from their JSON when first asked
 * (a quick fix, fix-all): copying thousands of fix objects between threads costs the host more
 * than the copy of the whole text, and almost none of them are ever used.
 */
export function withLazyFixes(findings: Finding[], fixes: string[]): Finding[] {
  findings.forEach((f, i) => {
    const json = fixes[i];
    if (!json) return;
    let parsed: Pick<Finding, 'fix' | 'suggestions'> | undefined;
    const read = () => (parsed ??= JSON.parse(json) as Pick<Finding, 'fix' | 'suggestions'>);
    Object.defineProperty(f, 'fix', { get: () => read().fix, enumerable: true, configurable: true });
    Object.defineProperty(f, 'suggestions', { get: () => read().suggestions, enumerable: true, configurable: true });
  });
  return findings;
}

/** Above this many characters (about 2,000 lines) a document is linted on the worker. */
export const LARGE_DOCUMENT_CHARS = 64 * 1024;

export class BackgroundLinter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: LintedInBackground): void; reject(e: Error): void }>();
  /** How many lints the worker answered (tests check that large files went there). */
  answered = 0;

  /** @param worker the bundled worker's path, or a function that starts one (tests run the source). */
  constructor(private readonly worker_: string | (() => Worker)) {}

  lint(key: string, text: string, config: LintConfig): Promise<LintedInBackground> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'lint', id, key, text, config });
    });
  }

  forget(key: string): void {
    if (this.worker) this.post({ type: 'forget', key });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.failAll('the extension is shutting down');
  }

  private post(message: WorkerRequest): void {
    this.start().postMessage(message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = typeof this.worker_ === 'string' ? new Worker(this.worker_) : this.worker_();
    worker.unref(); // never keeps the extension host alive
    worker.on('message', (m: WorkerResponse) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.type === 'linted') {
        this.answered++;
        waiting.resolve({ ...m, findings: withLazyFixes(m.findings, m.fixes) });
      } else waiting.reject(new Error(m.message));
    });
    const died = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(why);
    };
    worker.on('error', (e) => died(`the lint worker failed: ${e.message}`));
    worker.on('exit', (code) => died(`the lint worker stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private failAll(why: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(new Error(why));
  }
}
