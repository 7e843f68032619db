/**
 * schema/unknown-key: a misspelt key (`intervall`, `on_failur`) is not an error in YAML, it is a
 * setting silently not applied: the canary runs without the interval or the rollback the author
 * believes is there. Reported on the key, with the closest valid key.
 */
import type { Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { schemaIssues } from '../../../schema/schemaValidator';
import { toReport } from './schemaReport';

const ID = 'schema/unknown-key';

export const unknownKey: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: 'Every key of a native canary or synthetic file is one the format knows (a typo is a setting silently ignored).',
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
