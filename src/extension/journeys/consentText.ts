/**
 * The words of the consent modal, apart from VS Code so that they can be checked in unit tests.
 * A loopback host is named as this machine (local), never as possible production.
 */
import { isLoopback } from '../../core/lint/rules/synthetic/insecure-url';

export const RUN_ONCE = 'Run once';
export const ALWAYS = 'Always for this workspace';

/** `host:port` -> true when it is this machine (127.0.0.0/8, ::1, localhost). */
export function isLocalHost(host: string): boolean {
  const bare = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return isLoopback(bare.toLowerCase());
}

export function hostLabel(host: string): string {
  return isLocalHost(host) ? `${host} (this machine)` : host;
}

export function consentPrompt(
  journeyNames: readonly string[],
  hosts: readonly string[],
  requests: number,
): { message: string; detail: string } {
  const what = journeyNames.length === 1 ? `"${journeyNames[0]}"` : `${journeyNames.length} journeys`;
  const local = hosts.filter(isLocalHost);
  const remote = hosts.filter((h) => !isLocalHost(h));
  const message = `Run ${what} against ${hosts.map(hostLabel).join(', ')}?`;
  const sends = `This sends about ${requests} request${requests === 1 ? '' : 's'}`;
  const where =
    remote.length === 0
      ? ` to a service on this machine (local).`
      : ` to ${remote.length === 1 ? remote[0] : remote.join(', ')}, which may be production${local.length ? `, and to ${local.join(', ')} on this machine` : ''}.`;
  const choices = ` "${RUN_ONCE}" runs now and asks again next time; "${ALWAYS}" remembers ${hosts.length === 1 ? 'this host' : 'these hosts'} for this workspace (see or revoke it with "Release Safety: Manage Journey Hosts").`;
  return { message, detail: `${sends}${where}${choices}` };
}
