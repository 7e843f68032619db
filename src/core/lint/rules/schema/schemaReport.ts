/** A schema issue as a rule's report: a did-you-mean guess becomes a suggestion (the user picks it; it is a guess). */
import type { Report, Rule } from '../../rule';
import { docsUrl } from '../../rule';
import { SCHEMA_KINDS, schemaIssues, type SchemaIssue } from '../../../schema/schemaValidator';

export function toReport(issue: SchemaIssue): Report {
  const { offset, length, messageId, data, replacement, edit } = issue;
  const base: Report = { offset, length, messageId, data };
  if (edit)
    return {
      ...base,
      suggestions: [
        { title: edit.title, edits: [{ offset: edit.offset, length: edit.length, newText: edit.newText }] },
      ],
    };
  if (replacement === undefined) return base;
  return {
    ...base,
    suggestions: [{ title: `Change to \`${replacement}\``, edits: [{ offset, length, newText: replacement }] }],
  };
}

/**
 * A schema/* rule: the schema is validated once per document (schemaIssues caches it) and each
 * rule reports only the issues of its own kind, so severities can be set per kind.
 */
export function schemaRule(id: string, description: string, messages: Record<string, string>): Rule {
  return {
    meta: {
      id,
      defaultSeverity: 'error',
      description,
      docsUrl: docsUrl(id),
      fixable: false,
      appliesTo: SCHEMA_KINDS,
      messages,
    },
    check(ctx) {
      for (const issue of schemaIssues(ctx.document)) {
        if (issue.rule === id) ctx.report(toReport(issue));
      }
    },
  };
}
