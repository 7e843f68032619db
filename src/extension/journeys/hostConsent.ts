/**
 * Before the first run against a host in a workspace: a modal that names the hosts and the number
 * of requests, with "Run" and "Always for this workspace". A journey hits real, often production,
 * endpoints; one click on a CodeLens should not do that unannounced.
 */
import * as vscode from 'vscode';
import type { Journey } from '../../core/synthetic/model';
import { resolveUrl } from '../../core/journey/httpStep';
import { substitute } from '../../core/journey/variables';

const ALLOWED_KEY = 'releaseSafety.allowedHosts';

/** The hosts a journey talks to (base_url and absolute URLs), with env variables filled in where known. */
export function hostsOf(journey: Journey, env: (name: string) => string | undefined): string[] {
  const hosts = new Set<string>();
  const scope = { env, secrets: new Map<string, string>(), captured: new Map<string, unknown>() };
  const add = (raw: string | undefined) => {
    if (!raw) return;
    try {
      hosts.add(resolveUrl(substitute(raw, scope), journey.baseUrl ? substitute(journey.baseUrl.value, scope) : undefined).host);
    } catch {
      // not resolvable before the run (a captured or secret part): the run reports it
    }
  };
  for (const step of journey.steps) {
    if (step.spec.kind === 'request') add(step.spec.url);
    else if (step.spec.kind === 'goto') add(step.spec.target);
  }
  return [...hosts];
}

/** Requests a run sends at least: one per request step and per page load. */
export function requestCount(journeys: readonly Journey[]): number {
  return journeys.reduce((n, j) => n + j.steps.filter((s) => s.spec.kind === 'request' || s.spec.kind === 'goto').length, 0);
}

export class HostConsent {
  constructor(private readonly state: vscode.Memento) {}

  allowed(): string[] {
    return this.state.get<string[]>(ALLOWED_KEY) ?? [];
  }

  async allow(hosts: readonly string[]): Promise<void> {
    await this.state.update(ALLOWED_KEY, [...new Set([...this.allowed(), ...hosts])]);
  }

  /** True when the run may go ahead (already allowed, or the user said so now). */
  async confirm(journeys: readonly Journey[], env: (name: string) => string | undefined): Promise<boolean> {
    const hosts = [...new Set(journeys.flatMap((j) => hostsOf(j, env)))];
    const allowed = new Set(this.allowed());
    const fresh = hosts.filter((h) => !allowed.has(h));
    if (fresh.length === 0) return true;
    const n = requestCount(journeys);
    const RUN = 'Run';
    const ALWAYS = 'Always for this workspace';
    const answer = await vscode.window.showWarningMessage(
      `Run ${journeys.length === 1 ? `"${journeys[0].name}"` : `${journeys.length} journeys`} against ${fresh.join(', ')}?`,
      { modal: true, detail: `This sends about ${n} request${n === 1 ? '' : 's'} to ${fresh.length === 1 ? 'this host' : 'these hosts'}, which may be production. Release Safety asks once per host in each workspace.` },
      RUN,
      ALWAYS,
    );
    if (answer === ALWAYS) await this.allow(fresh);
    return answer === RUN || answer === ALWAYS;
  }
}
