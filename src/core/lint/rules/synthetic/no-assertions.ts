/**
 * synthetic/no-assertions: a journey that checks nothing passes while the site serves errors;
 * a green check that cannot go red is worse than none, because people trust it.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import type { Step } from '../../../synthetic/model';

const ID = 'synthetic/no-assertions';

export const noAssertions: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: 'Every journey asserts something: an `expect` on a request or an `expect_*` browser step.',
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['synthetic'],
    messages: {
      checksNothing:
        'Journey "{{journey}}" checks nothing, so it passes even when the service is down. Add an `expect:` to a request (e.g. `status: 200`) or an `expect_visible` / `expect_text` / `expect_url` step.',
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    config.journeys.forEach((journey, index) => {
      if (journey.steps.some(asserts)) return;
      // A journey whose steps could not be read is the schema rules' business, not "no assertions".
      if ((config.problems ?? []).some((p) => p.journeyIndex === index)) return;
      ctx.report({ ...journey.nameRef, messageId: 'checksNothing', data: { journey: journey.name } });
    });
  },
};

function asserts(step: Step): boolean {
  const spec = step.spec;
  if (spec.kind === 'request') {
    const e = spec.expect;
    return !!e && !!(e.status || e.latency || e.json?.length || e.bodyContains || e.headers?.length);
  }
  return spec.kind.startsWith('expect_');
}
