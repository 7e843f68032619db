/**
 * A real server the tests start (Prometheus, Alertmanager, tinyproxy): spawned in the foreground
 * with its output kept, waited for (bounded) until `ready` says yes, and stopped with SIGTERM (then
 * SIGKILL after 5 s). Its temporary folder goes with it. For integration tests only.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface RunningDaemon {
  log: () => string;
  stop(): Promise<void>;
}

export interface DaemonOptions {
  /** For messages: "prometheus", "tinyproxy". */
  name: string;
  command: string;
  args: string[];
  /** Removed when the daemon stops. */
  dir: string;
  ready: () => Promise<boolean>;
  timeoutMs: number;
  /** How much of its output to keep (the end of it). */
  logChars?: number;
}

export async function startDaemon(o: DaemonOptions): Promise<RunningDaemon> {
  const keep = o.logChars ?? 20_000;
  let log = '';
  const child = spawn(o.command, o.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (log = (log + d).slice(-keep)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-keep)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(o.dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${o.name} exited early:\n${log}`);
    }
    if (await o.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${o.name} did not become ready in ${o.timeoutMs / 1000}s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { log: () => log, stop };
}

/** A readiness check: the URL answers 2xx within a second. */
export function answers(url: string, headers: Record<string, string> = {}): () => Promise<boolean> {
  return async () => (await fetch(url, { signal: AbortSignal.timeout(1000), headers })).ok;
}
