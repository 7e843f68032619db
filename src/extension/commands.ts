/**
 * Palette commands under "Release Safety:": New Canary Config, New Synthetic Journey (untitled
 * YAML documents started from the same snippets as completion), Open Rule Documentation (a pick of
 * every rule, opening docs/rules/RULE.md from the extension's own folder).
 */
import * as vscode from 'vscode';
import { allRuleMetas, ruleMeta } from '../core/lint/rules/index';
import { NEW_CANARY, NEW_SYNTHETIC_FILE, type Snippet } from '../core/completion/snippets';
import { OPEN_RULE_DOC_COMMAND } from './codeActions';

export const NEW_CANARY_COMMAND = 'releaseSafety.newCanaryConfig';
export const NEW_JOURNEY_COMMAND = 'releaseSafety.newSyntheticJourney';

export function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_CANARY_COMMAND, () => newDocument(NEW_CANARY)),
    vscode.commands.registerCommand(NEW_JOURNEY_COMMAND, () => newDocument(NEW_SYNTHETIC_FILE)),
    vscode.commands.registerCommand(OPEN_RULE_DOC_COMMAND, (ruleId?: unknown) =>
      openRuleDocumentation(context, typeof ruleId === 'string' ? ruleId : undefined),
    ),
  );
}

/** An untitled YAML document with the snippet inserted, so its placeholders can be tabbed through. */
async function newDocument(snippet: Snippet): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(snippet.body));
  return editor;
}

/** Opens the rule's page (a markdown preview of docs/rules/RULE.md); asks which rule when none is given. */
async function openRuleDocumentation(
  context: vscode.ExtensionContext,
  ruleId: string | undefined,
): Promise<vscode.Uri | undefined> {
  let id = ruleId;
  if (!id) {
    const picked = await vscode.window.showQuickPick(
      allRuleMetas().map((m) => ({ label: m.id, description: m.defaultSeverity, detail: m.description })),
      { title: 'Release Safety: Open Rule Documentation', placeHolder: 'Which rule?', matchOnDetail: true },
    );
    id = picked?.label;
  }
  if (!id) return undefined;
  const meta = ruleMeta(id);
  // schema/* findings share one page; ids never contain "..", but the path is built from our list only.
  const known = meta?.id ?? (id.startsWith('schema/') ? 'schema/*' : undefined);
  if (!known) {
    void vscode.window.showWarningMessage(
      `Release Safety has no rule "${id}". Run "Release Safety: Open Rule Documentation" to pick one.`,
    );
    return undefined;
  }
  const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', ...docPath(known));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    // Not shipped with this build: the online page is the same text.
    if (meta) await vscode.env.openExternal(vscode.Uri.parse(meta.docsUrl));
    return undefined;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
  return uri;
}

/** `canary/missing-rollback` -> ['canary', 'missing-rollback.md']; `schema/*` -> ['schema.md']. */
export function docPath(ruleId: string): string[] {
  if (ruleId === 'schema/*') return ['schema.md'];
  const parts = ruleId.split('/');
  parts[parts.length - 1] += '.md';
  return parts;
}
