/**
 * synthetic/missing-alert: a synthetic check exists to wake someone when production breaks. A
 * journey with no alert channel (its own or inherited from `synthetic.alerts`) fails silently.
 * The fix adds an `alerts:` list with a placeholder channel for the user to point at a real one.
 */
import type { YAMLMap } from 'yaml';
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { asMap, nodeAt, pairOf } from '../../../parse/yamlNodes';
import type { Fix } from '../../finding';
import { setMapValue } from '../../fixes/yamlEdits';

const ID = 'synthetic/missing-alert';
/** Valid `KIND:TARGET` so the file stays schema-clean; obviously a placeholder to replace. */
export const PLACEHOLDER_CHANNEL = 'slack:#CHANGE-ME';

export const missingAlert: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: 'Every journey alerts someone (its own `alerts` or the inherited `synthetic.alerts`).',
    docsUrl: docsUrl(ID),
    fixable: true,
    appliesTo: ['synthetic'],
    messages: {
      noChannel:
        'Journey "{{journey}}" alerts no one: when it fails at 3 a.m. nobody hears of it. Add `alerts:` with a channel (here or under `synthetic:` for every journey), e.g. `- channel: pagerduty:web-oncall`.',
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const doc = ctx.document.doc;
    for (const journey of config.journeys) {
      if (journey.alerts.length > 0) continue;
      const map = asMap(nodeAt(doc.contents, ['synthetic', 'journeys', journey.index], doc), doc);
      const fix = map ? addAlertsFix(ctx.file.text, map) : undefined;
      ctx.report({
        ...journey.nameRef,
        messageId: 'noChannel',
        data: { journey: journey.name },
        ...(fix ? { fix } : {}),
      });
    }
  },
};

function addAlertsFix(text: string, journey: YAMLMap): Fix | undefined {
  // An explicit `alerts: []` is replaced; otherwise a new entry goes at the end of the journey.
  const existing = pairOf(journey, 'alerts');
  if (
    existing &&
    existing.value &&
    !asMap(existing.value) &&
    (existing.value as { items?: unknown[] }).items === undefined
  )
    return undefined;
  const edit = setMapValue(text, journey, 'alerts', [{ channel: PLACEHOLDER_CHANNEL }]);
  return { title: `Add an alert channel (${PLACEHOLDER_CHANNEL}: replace it with yours)`, edits: [edit] };
}
