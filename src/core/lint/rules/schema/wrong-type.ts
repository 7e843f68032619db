/**
 * schema/wrong-type: a value of the wrong kind (`steps: 5`, `alerts: slack`) cannot be used: the part of the config it belongs to silently does nothing, or the journey cannot run.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { schemaIssues } from '../../../schema/schemaValidator';
import { toReport } from './schemaReport';

const ID = 'schema/wrong-type';

export const wrongType: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: "A value of the wrong type (a list where text belongs, a map where a list belongs) is a value the runner or the canary cannot use.",
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
