/**
 * The `yaml/*` findings come from the parser, not from a rule over a parsed document; their
 * metadata and messages live here so that they are worded, documented and configured like rules.
 */
import type { Finding } from '../../finding';
import type { MessageData, RuleMeta } from '../../rule';
import { docsUrl, formatMessage } from '../../rule';

export const yamlSyntaxMeta: RuleMeta = {
  id: 'yaml/syntax',
  defaultSeverity: 'error',
  description: 'A canary, synthetic, Argo Rollouts or Flagger document must parse as YAML (as kubectl reads it).',
  docsUrl: docsUrl('yaml/syntax'),
  fixable: false,
  appliesTo: [],
  messages: {
    parse: '{{detail}}',
    tooLarge: 'The file is {{size}} MB; Release Safety checks files up to {{limit}} MB. Split it into smaller files.',
    tooDeep: 'The YAML is nested more than {{depth}} levels deep here; no rollout file needs that. Flatten it.',
    unreadable: "The YAML could not be read ({{detail}}). Check the file's syntax.",
  },
};

export const yamlTemplateMeta: RuleMeta = {
  id: 'yaml/template',
  defaultSeverity: 'info',
  description: 'A Go / Helm template is not YAML until it is rendered: lint the rendered output.',
  docsUrl: docsUrl('yaml/template'),
  fixable: false,
  appliesTo: [],
  messages: {
    template:
      'This file is a Go / Helm template (`{{ ... }}` on line {{line}}), not YAML yet, so it is not checked as written. Lint what it renders: `helm template . | release-safety lint -`.',
  },
};

const METAS = { 'yaml/syntax': yamlSyntaxMeta, 'yaml/template': yamlTemplateMeta } as const;

/** A parser finding by message id, worded from its meta's template. */
export function yamlFinding(
  rule: keyof typeof METAS,
  messageId: string,
  offset: number,
  length: number,
  data: MessageData = {},
): Finding {
  const meta = METAS[rule];
  const template = meta.messages![messageId];
  if (template === undefined) throw new Error(`${rule} has no message "${messageId}"`);
  // `{{ ... }}` in the template text is literal braces, not a placeholder: fill only known names.
  return { rule, severity: meta.defaultSeverity, message: formatMessage(template, data), messageId, offset, length };
}
