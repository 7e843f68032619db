/** An alert channel as written, `KIND:TARGET` (`slack:#deploys`, `pagerduty:web-oncall`), split in two. */
export function splitChannel(channel: string): { kind?: string; target?: string } {
  const i = channel.indexOf(':');
  if (i <= 0) return {};
  return { kind: channel.slice(0, i).trim(), target: channel.slice(i + 1).trim() };
}
