/**
 * Completion in YAML files from the core (src/core/completion): schema keys and values, metric
 * names, channel kinds and snippets. Only native canary and synthetic documents (or an empty
 * file, which gets the "new file" snippets) get items; any other YAML gets none.
 */
import * as vscode from 'vscode';
import { completeAt, type CompletionEntry, type NativeSchemas } from '../core/completion/completeAt';
import { rangeOf } from './diagnosticCode';

const KIND: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  enum: vscode.CompletionItemKind.EnumMember,
  snippet: vscode.CompletionItemKind.Snippet,
};

export function registerCompletion(context: vscode.ExtensionContext, schemas: () => NativeSchemas): void {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position, _token, context) {
      // A space opens completion only where a value or an item starts (`key: `, `- `), not in prose.
      if (
        context.triggerCharacter === ' ' &&
        !/(:|^\s*-) $/.test(document.lineAt(position.line).text.slice(0, position.character))
      )
        return [];
      return toItems(document, completeAt(document.getText(), document.offsetAt(position), schemas()));
    },
  };
  // ':' and ' ' open values and list items; letters trigger as usual.
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider({ language: 'yaml' }, provider, ':', ' '));
}

function toItems(document: vscode.TextDocument, entries: CompletionEntry[]): vscode.CompletionItem[] {
  return entries.map((e, i) => {
    const item = new vscode.CompletionItem(e.label, KIND[e.kind]);
    item.insertText = e.snippet ? new vscode.SnippetString(e.insertText) : e.insertText;
    item.range = rangeOf(document, e.replace);
    // The editor filters by the text in the range: with an opening quote typed, match with it.
    const typed = document.getText(item.range);
    if (/^["']/.test(typed)) item.filterText = typed[0] + e.label.replace(/^["']/, '');
    if (e.detail) item.detail = e.detail;
    if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
    // Keep the core's order (schema order, required first), which says more than the alphabet.
    item.sortText = `${e.preselect ? 0 : 1}${String(i).padStart(4, '0')}`;
    if (e.preselect) item.preselect = true;
    return item;
  });
}
