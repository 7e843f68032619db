/**
 * synthetic/slow-frequency: the frequency is the worst-case time to detect an outage. Above five
 * minutes, users find the outage before the check does.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { formatDuration } from '../../../model/duration';

const ID = 'synthetic/slow-frequency';
const MAX_MS = 5 * 60_000;

export const slowFrequency: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'warning',
    description: 'Journeys run at least every 5 minutes, so an outage is found within minutes.',
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['synthetic'],
    messages: {
      tooRare:
        'Running every {{every}} means an outage at 3 a.m. can go unseen for {{every}}. Run at most every 5m (e.g. `frequency: 1m`).',
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const seen = new Set<number>();
    const candidates = [
      { frequency: config.frequency, ms: config.frequencyMs },
      ...config.journeys.map((j) => ({ frequency: j.frequency, ms: j.frequencyMs })),
    ];
    for (const { frequency, ms } of candidates) {
      if (!frequency || ms === undefined || ms <= MAX_MS || seen.has(frequency.ref.offset)) continue;
      seen.add(frequency.ref.offset);
      ctx.report({ ...frequency.ref, messageId: 'tooRare', data: { every: formatDuration(ms) } });
    }
  },
};
