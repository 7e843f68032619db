/** A schema issue as a rule's report: a did-you-mean guess becomes a suggestion (the user picks it; it is a guess). */
import type { Report, Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { schemaIssues, type SchemaIssue } from '../../../schema/schemaValidator';

export function toReport(issue: SchemaIssue): Report {
  const { offset, length, message, replacement } = issue;
  if (replacement === undefined) return { offset, length, message };
  return { offset, length, message, suggestions: [{ title: `Change to \`${replacement}\``, edits: [{ offset, length, newText: replacement }] }] };
}

/**
 * A schema/* rule: the schema is validated once per document (schemaIssues caches it) and each
 * rule reports only the issues of its own kind, so severities can be set per kind.
 */
export function schemaRule(id: string, description: string): Rule {
  return {
    meta: { id, defaultSeverity: 'error', description, docsUrl: docsUrl(id), fixable: false, appliesTo: ['canary', 'synthetic'] },
    check(ctx) {
      for (const issue of schemaIssues(ctx.document)) {
        if (issue.rule === id) ctx.report(toReport(issue));
      }
    },
  };
}
