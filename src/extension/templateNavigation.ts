/**
 * Go to definition from a `templateName` / `templateRef` / `providerRef` name to the template's
 * `metadata.name`, and find references from a template (or a reference) to every use of it, over
 * the workspace's index of templates.
 */
import * as vscode from 'vscode';
import { summarize, type Located } from '../core/project/projectIndex';
import { projectView } from '../core/project/projectView';
import { symbolAt } from '../core/project/symbolAt';
import type { Ref } from '../core/parse/yamlNodes';
import { parsedDocument } from './parsedDocument';
import type { WorkspaceTemplates } from './workspaceTemplates';

const SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }];

export function registerTemplateNavigation(context: vscode.ExtensionContext, templates: WorkspaceTemplates): void {
  const symbol = (document: vscode.TextDocument, position: vscode.Position) => {
    const parsed = parsedDocument(document);
    const own = summarize(parsed);
    const found = symbolAt(own, document.offsetAt(position));
    return found && { found, view: projectView(parsed, templates.projectFor(document.uri)) };
  };
  context.subscriptions.push(
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      async provideDefinition(document, position) {
        const at = symbol(document, position);
        if (!at || at.found.type !== 'reference') return undefined;
        return locations(
          document,
          at.view.resolve(at.found.item).map((l) => ({ file: l.file, ref: l.item.nameRef })),
        );
      },
    }),
    vscode.languages.registerReferenceProvider(SELECTOR, {
      async provideReferences(document, position, ctx) {
        const at = symbol(document, position);
        if (!at) return undefined;
        const defs =
          at.found.type === 'definition'
            ? [{ file: at.view.file, item: at.found.item }]
            : at.view.resolve(at.found.item);
        const spots: Array<{ file: string; ref: Ref }> = [];
        for (const def of defs) {
          if (ctx.includeDeclaration) spots.push({ file: def.file, ref: def.item.nameRef });
          spots.push(
            ...at.view.referencesTo(def.item).map((l: Located<{ ref: Ref }>) => ({ file: l.file, ref: l.item.ref })),
          );
        }
        // A template not in the index: at least the references to its name.
        if (defs.length === 0 && at.found.type === 'reference')
          spots.push(...at.view.referencesTo(at.found.item).map((l) => ({ file: l.file, ref: l.item.ref })));
        return locations(document, spots);
      },
    }),
  );
}

/** Offsets to ranges: this document from its buffer, other files through the document VS Code opens for them. */
async function locations(
  current: vscode.TextDocument,
  spots: Array<{ file: string; ref: Ref }>,
): Promise<vscode.Location[]> {
  const out: vscode.Location[] = [];
  const seen = new Set<string>();
  for (const { file, ref } of spots) {
    const uri = file === current.uri.toString() ? current.uri : vscode.Uri.parse(file);
    const key = `${uri.toString()}#${ref.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      const doc = uri.toString() === current.uri.toString() ? current : await vscode.workspace.openTextDocument(uri);
      out.push(
        new vscode.Location(uri, new vscode.Range(doc.positionAt(ref.offset), doc.positionAt(ref.offset + ref.length))),
      );
    } catch {
      // A file deleted since it was indexed: nothing to show.
    }
  }
  return out;
}
