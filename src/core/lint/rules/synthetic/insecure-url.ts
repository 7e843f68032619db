/**
 * synthetic/insecure-url: a journey that talks plain `http://` to a real host sends its session
 * cookies and tokens in clear text, and does not test what users get (they are on https). Loopback
 * hosts (localhost, 127.0.0.0/8, ::1) are fine: that traffic never leaves the machine.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import type { Ref } from '../../../parse/yamlNodes';

const ID = 'synthetic/insecure-url';

export const insecureUrl: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'warning',
    description: 'Journeys reach real hosts over https; plain http is only for loopback.',
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['synthetic'],
    messages: {
      plainHttp:
        '{{what}} uses plain http:// to {{host}}: cookies and tokens travel in clear text, and users reach the site over https. Use https://.',
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const seen = new Set<number>();
    const check = (url: string, ref: Ref, what: string, rewrite: (httpsUrl: string) => string = (u) => u): void => {
      const host = insecureHost(url);
      if (host === undefined || seen.has(ref.offset)) return;
      seen.add(ref.offset);
      const httpsUrl = url.trim().replace(/^http:/i, 'https:');
      ctx.report({
        ...ref,
        messageId: 'plainHttp',
        data: { what, host },
        // The host may not serve https yet: the user decides, so a suggestion and not a fix.
        suggestions: [{ title: 'Use https://', edits: [{ ...ref, newText: JSON.stringify(rewrite(httpsUrl)) }] }],
      });
    };
    if (config.baseUrl) check(config.baseUrl.value, config.baseUrl.ref, '`base_url`');
    for (const journey of config.journeys) {
      if (journey.baseUrl) check(journey.baseUrl.value, journey.baseUrl.ref, '`base_url`');
      for (const step of journey.steps) {
        const spec = step.spec;
        if (spec.kind === 'request' && spec.urlRef)
          check(spec.url, spec.urlRef, `\`${spec.method}\``, (u) => `${spec.method} ${u}`);
        else if (spec.kind === 'goto' && spec.target && spec.targetRef) check(spec.target, spec.targetRef, '`goto`');
      }
    }
  },
};

/** The host of an `http://` URL that is not loopback; undefined for https, paths, loopback or hosts given by a variable. */
export function insecureHost(url: string): string | undefined {
  const m = /^\s*http:\/\/([^/?#]*)/i.exec(url);
  if (!m) return undefined;
  const authority = m[1].replace(/^[^@]*@/, '');
  if (authority === '' || authority.includes('${')) return undefined;
  const host = (
    authority.startsWith('[') ? authority.slice(1, authority.indexOf(']')) : authority.replace(/:\d*$/, '')
  ).toLowerCase();
  return isLoopback(host) ? undefined : host;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) return Number(v4[1]) === 127 && v4.slice(1).every((p) => Number(p) <= 255);
  // IPv4-mapped loopback (::ffff:127.0.0.1).
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(h);
  return mapped ? isLoopback(mapped[1]) : false;
}
