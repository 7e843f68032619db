/**
 * schema/invalid-value: a value outside what the format allows (`on_failure: rollbak`, `channel: slak:#x`, `frequency: often`) means a rollback, an alert or a check that never happens as written.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { schemaIssues } from '../../../schema/schemaValidator';
import { toReport } from './schemaReport';

const ID = 'schema/invalid-value';

export const invalidValue: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: "Values are ones the format allows (`on_failure` rollback/pause/alert, channel kinds, durations, units, status codes).",
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
