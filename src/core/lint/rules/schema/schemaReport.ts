/** A schema issue as a rule's report: a did-you-mean guess becomes a suggestion (the user picks it; it is a guess). */
import type { Report } from '../../rule';
import type { SchemaIssue } from '../../../schema/schemaValidator';

export function toReport(issue: SchemaIssue): Report {
  const { offset, length, message, replacement } = issue;
  if (replacement === undefined) return { offset, length, message };
  return { offset, length, message, suggestions: [{ title: `Change to \`${replacement}\``, edits: [{ offset, length, newText: replacement }] }] };
}
