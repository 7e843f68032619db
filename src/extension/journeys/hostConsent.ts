/**
 * Before a run against a host this workspace has not allowed: one modal that names the hosts
 * (loopback as this machine) and the number of requests, with "Run once" and "Always for this
 * workspace". A journey hits real, often production, endpoints; one click on a CodeLens should
 * not do that unannounced. "Run once" covers the whole run it was asked for (every file of a Test
 * Explorer run), then asks again next time; "Always" is kept in the workspace's state, listed and
 * revocable with "Manage Journey Hosts".
 */
import * as vscode from 'vscode';
import type { Journey } from '../../core/synthetic/model';
import { resolveUrl } from '../../core/journey/httpStep';
import { substitute } from '../../core/journey/variables';
import { ALWAYS, consentPrompt, hostLabel, RUN_ONCE } from './consentText';

const ALLOWED_KEY = 'releaseSafety.allowedHosts';
export const MANAGE_HOSTS_COMMAND = 'releaseSafety.manageJourneyHosts';

/** The hosts a journey talks to (base_url and absolute URLs), with env variables filled in where known. */
export function hostsOf(journey: Journey, env: (name: string) => string | undefined): string[] {
  const hosts = new Set<string>();
  const scope = { env, secrets: new Map<string, string>(), captured: new Map<string, unknown>() };
  const add = (raw: string | undefined) => {
    if (!raw) return;
    try {
      hosts.add(
        resolveUrl(substitute(raw, scope), journey.baseUrl ? substitute(journey.baseUrl.value, scope) : undefined).host,
      );
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
  return journeys.reduce(
    (n, j) => n + j.steps.filter((s) => s.spec.kind === 'request' || s.spec.kind === 'goto').length,
    0,
  );
}

export type Ask = (message: string, detail: string, choices: string[]) => Thenable<string | undefined>;

export class HostConsent {
  /** How the question is put; tests replace it to answer the modal. */
  ask: Ask = (message, detail, choices) =>
    vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);

  constructor(private readonly state: vscode.Memento) {}

  allowed(): string[] {
    return [...(this.state.get<string[]>(ALLOWED_KEY) ?? [])].sort();
  }

  async allow(hosts: readonly string[]): Promise<void> {
    await this.state.update(ALLOWED_KEY, [...new Set([...this.allowed(), ...hosts])]);
  }

  async revoke(hosts: readonly string[]): Promise<void> {
    const gone = new Set(hosts);
    await this.state.update(
      ALLOWED_KEY,
      this.allowed().filter((h) => !gone.has(h)),
    );
  }

  /**
   * True when the run may go ahead (allowed for the workspace, allowed once earlier in this run,
   * or the user says so now). `thisRun` carries "Run once" answers across the files of one run.
   */
  async confirm(
    journeys: readonly Journey[],
    env: (name: string) => string | undefined,
    thisRun: Set<string> = new Set(),
  ): Promise<boolean> {
    const hosts = [...new Set(journeys.flatMap((j) => hostsOf(j, env)))];
    const allowed = new Set([...this.allowed(), ...thisRun]);
    const fresh = hosts.filter((h) => !allowed.has(h));
    if (fresh.length === 0) return true;
    const { message, detail } = consentPrompt(
      journeys.map((j) => j.name),
      fresh,
      requestCount(journeys),
    );
    const answer = await this.ask(message, detail, [RUN_ONCE, ALWAYS]);
    if (answer === ALWAYS) await this.allow(fresh);
    if (answer === RUN_ONCE || answer === ALWAYS) for (const h of fresh) thisRun.add(h);
    return answer === RUN_ONCE || answer === ALWAYS;
  }
}

export function registerHostCommands(context: vscode.ExtensionContext, consent: HostConsent): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(MANAGE_HOSTS_COMMAND, async () => {
      const hosts = consent.allowed();
      if (hosts.length === 0) {
        void vscode.window.showInformationMessage(
          `No host is allowed for journeys in this workspace: each run asks first ("${RUN_ONCE}" / "${ALWAYS}").`,
        );
        return;
      }
      const ALL = '$(trash) Revoke all';
      const picked = await vscode.window.showQuickPick(
        [
          ...hosts.map((h) => ({
            label: h,
            description:
              hostLabel(h) === h
                ? 'revoke: ask again before the next run'
                : 'this machine · revoke: ask again before the next run',
            host: h,
          })),
          { label: ALL, description: '', host: '' },
        ],
        {
          title: 'Release Safety: hosts journeys may run against without asking (this workspace)',
          placeHolder: 'Pick a host to revoke; the next run against it asks first',
        },
      );
      if (!picked) return;
      const revoke = picked.label === ALL ? hosts : [picked.host];
      await consent.revoke(revoke);
      void vscode.window.showInformationMessage(
        `Revoked ${revoke.length === 1 ? revoke[0] : `${revoke.length} hosts`}: the next run asks first.`,
      );
    }),
  );
}
