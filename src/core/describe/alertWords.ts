/**
 * Alert channels (`KIND:TARGET`, docs/formats/canary.md, Alerts) in words: who hears about a breach.
 * The list of kinds is also what completion offers after `channel:`.
 */
import type { PlanAlert } from '../plan/canaryPlan';

export const CHANNEL_KINDS = ['slack', 'pagerduty', 'opsgenie', 'email', 'webhook', 'teams'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How each kind names its target, with an example target for snippets and completion. */
export const CHANNEL_KIND_INFO: Record<ChannelKind, { words: string; target: string; example: string }> = {
  slack: { words: 'Slack channel', target: 'channel', example: '#deploys' },
  pagerduty: { words: 'PagerDuty service', target: 'service', example: 'web-oncall' },
  opsgenie: { words: 'Opsgenie team', target: 'team', example: 'platform' },
  email: { words: 'email to', target: 'address', example: 'oncall@example.com' },
  webhook: { words: 'webhook', target: 'URL', example: 'https://hooks.example.com/deploys' },
  teams: { words: 'Microsoft Teams channel', target: 'channel', example: 'deploys' },
};

export type ParsedChannel = { ok: true; kind: ChannelKind; target: string } | { ok: false; error: string };

export function parseChannel(channel: string): ParsedChannel {
  const colon = channel.indexOf(':');
  const kind = (colon < 0 ? channel : channel.slice(0, colon)).trim();
  const target = colon < 0 ? '' : channel.slice(colon + 1).trim();
  if (!(CHANNEL_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, error: `"${kind}" is not a channel kind: use ${CHANNEL_KINDS.map((k) => `${k}:`).join(', ')}` };
  }
  if (!target)
    return {
      ok: false,
      error: `"${kind}:" needs a ${CHANNEL_KIND_INFO[kind as ChannelKind].target} after the colon, e.g. ${kind}:${CHANNEL_KIND_INFO[kind as ChannelKind].example}`,
    };
  return { ok: true, kind: kind as ChannelKind, target };
}

/** "Slack channel #checkout-deploys hears about breach and rollback" */
export function describeAlert(alert: Pick<PlanAlert, 'channel' | 'on'>): string {
  const parsed = parseChannel(alert.channel);
  const who = parsed.ok
    ? `${CHANNEL_KIND_INFO[parsed.kind].words} ${parsed.target}`
    : `"${alert.channel}" (${parsed.error})`;
  const events = alert.on === undefined ? 'every event' : alert.on.length === 0 ? 'no event' : listWords(alert.on);
  return `${who} hears about ${events}`;
}

/** "a", "a and b", "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
