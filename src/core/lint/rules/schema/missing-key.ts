/**
 * schema/missing-key: a journey without steps, an alert without a channel or a step without an action cannot do its job; the finding points at the thing that lacks the key.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { schemaIssues } from '../../../schema/schemaValidator';
import { toReport } from './schemaReport';

const ID = 'schema/missing-key';

export const missingKey: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: "Keys the format needs are present (a journey's `name` and `steps`, an alert's `channel`, a step's action).",
    docsUrl: docsUrl(ID),
    fixable: false,
    appliesTo: ['canary', 'synthetic'],
  },
  check(ctx) {
    for (const issue of schemaIssues(ctx.document)) {
      if (issue.rule === ID) ctx.report(toReport(issue));
    }
  },
};
