/**
 * Hovers: a threshold in words, the steps timeline with time to full and worst-case time to roll
 * back, alert channels, journeys, step kinds and variables (all from core/describe), plus the
 * rule's description and documentation link for each of our diagnostics under the cursor.
 */
import * as vscode from 'vscode';
import { hoverAt } from '../core/describe/hoverAt';
import { ruleMeta } from '../core/lint/rules/index';
import { ruleIdOf, rangeOf } from './diagnosticCode';
import { OPEN_RULE_DOC_COMMAND } from './codeActions';
import { parsedDocument } from './parsedDocument';
import { isLargeDocument } from './largeDocuments';
import { nativeSchemas } from '../core/completion/nativeSchemas';

/** `configBudget`: the risk budget of the `.release-safety.yaml` governing a file. */
export function registerHover(
  context: vscode.ExtensionContext,
  configBudget: (uri: vscode.Uri) => unknown = () => undefined,
): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(
      { language: 'yaml' },
      { provideHover: (d, p) => provideHover(d, p, configBudget(d.uri)) },
    ),
  );
}

export function provideHover(
  document: vscode.TextDocument,
  position: vscode.Position,
  budget?: unknown,
): vscode.Hover | undefined {
  const parts: vscode.MarkdownString[] = [];
  let range: vscode.Range | undefined;
  const info = isLargeDocument(document)
    ? undefined
    : hoverAt(document.getText(), document.offsetAt(position), parsedDocument(document), nativeSchemas(), { budget });
  if (info) {
    const body = [...info.lines.map(escapeMarkdownKeepingCode), ...(info.markdown ? [info.markdown] : [])].join('\n\n');
    const md = new vscode.MarkdownString(`**${escapeMarkdownKeepingCode(info.title)}**\n\n${body}`);
    parts.push(md);
    range = rangeOf(document, info.ref);
  }
  const rules = new Set<string>();
  for (const d of vscode.languages.getDiagnostics(document.uri)) {
    const rule = ruleIdOf(d);
    if (rule && d.range.contains(position)) rules.add(rule);
  }
  for (const rule of rules) {
    const meta = ruleMeta(rule);
    if (!meta) continue;
    const args = encodeURIComponent(JSON.stringify([rule]));
    const md = new vscode.MarkdownString(
      `**${rule}** (${meta.defaultSeverity} by default): ${escapeMarkdownKeepingCode(meta.description)}\n\n[Rule documentation](command:${OPEN_RULE_DOC_COMMAND}?${args})`,
    );
    // Only our own command may run from this hover.
    md.isTrusted = { enabledCommands: [OPEN_RULE_DOC_COMMAND] };
    parts.push(md);
  }
  return parts.length ? new vscode.Hover(parts, range) : undefined;
}

/** The core writes plain sentences with `code` spans; everything else must not turn into markdown. */
function escapeMarkdownKeepingCode(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_[\]<>#|~]/g, '\\$&')))
    .join('');
}
