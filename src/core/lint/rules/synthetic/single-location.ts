/**
 * synthetic/single-location: from one location, a network problem there looks like an outage
 * (a false page at night) and a regional outage elsewhere goes unseen. Two or more locations
 * tell "the site is down" from "our probe is down".
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import type { Ref } from '../../../parse/yamlNodes';

const ID = 'synthetic/single-location';

export const singleLocation: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'info',
    description:
      "Journeys run from at least two locations, so one probe's network trouble is not mistaken for an outage.",
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['synthetic'],
    messages: {
      noLocations:
        'Journeys here run from no `locations`: a network problem at the probe looks like an outage, and an outage elsewhere goes unseen. List at least two, e.g. `locations: [us-east, eu-west]`.',
      oneLocation:
        'Journeys here run from only one location{{named}}: a network problem at the probe looks like an outage, and an outage elsewhere goes unseen. List at least two, e.g. `locations: [us-east, eu-west]`.',
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const seen = new Set<number>();
    for (const journey of config.journeys) {
      const distinct = new Set(journey.locations).size;
      if (distinct >= 2) continue;
      // Own or inherited `locations:`, or the `synthetic:` key when there is none at all.
      const ref: Ref = journey.locationsRef ?? config.anchor;
      if (seen.has(ref.offset)) continue;
      seen.add(ref.offset);
      const only = journey.locations[0] ?? '';
      if (distinct === 0) {
        ctx.report({ ...ref, messageId: 'noLocations' });
        continue;
      }
      // Echo a location only when it looks like one (a value pasted by mistake may be anything).
      ctx.report({
        ...ref,
        messageId: 'oneLocation',
        data: { named: /^[\w.-]{1,32}$/.test(only) ? ` (${only})` : '' },
      });
    }
  },
};
