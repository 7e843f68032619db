/**
 * Quick fixes for our diagnostics. Each comes from the core Finding behind the diagnostic, found by
 * rule id (the diagnostic's `code`) and range and only while the document is at the version that
 * was linted (the Finding's offsets are for that text): a safe `fix` is the preferred action,
 * `suggestions` are offered but never preferred nor applied by fix-all. Every diagnostic also gets
 * "Disable RULE for this line" and "Show documentation for RULE". `source.fixAll.releaseSafety`
 * applies the safe fixes only (for `editor.codeActionsOnSave`).
 */
import * as vscode from 'vscode';
import type { Finding, Fix } from '../core/lint/finding';
import { suppressionComment } from '../core/lint/suppression';
import { ruleIdOf, rangeOf, type FindingLookup } from './diagnosticCode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('releaseSafety');
export const OPEN_RULE_DOC_COMMAND = 'releaseSafety.openRuleDocumentation';
/** An existing directive: group 1 is everything up to the rule ids, group 2 the ids (a `-- reason` follows). */
const DIRECTIVE = /^(\s*#\s*release-safety-disable-next-line)\b([^-]*(?:-(?!-)[^-]*)*)/;

export function registerCodeActions(context: vscode.ExtensionContext, lookup: FindingLookup): void {
  const provider = new ReleaseSafetyCodeActions(lookup);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, provider, {
      providedCodeActionKinds: ReleaseSafetyCodeActions.kinds,
    }),
  );
}

export class ReleaseSafetyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly lookup: FindingLookup) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) {
      // Asked for source actions only (fix-all on save, "Fix all" in the menu).
      return context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only) ? this.fixAll(document) : [];
    }
    const actions: vscode.CodeAction[] = [];
    const disabled = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const rule = ruleIdOf(diagnostic);
      if (!rule) continue;
      const finding = this.lookup(document, diagnostic);
      if (finding?.fix) actions.push(fixAction(document, finding.fix, diagnostic, true));
      for (const s of finding?.suggestions ?? []) actions.push(fixAction(document, s, diagnostic, false));
      const lineKey = `${rule}@${diagnostic.range.start.line}`;
      if (!disabled.has(lineKey)) {
        disabled.add(lineKey);
        actions.push(disableLineAction(document, rule, diagnostic));
      }
    }
    // Documentation last, once per rule, after every change to the text.
    const rules = [...new Set(context.diagnostics.map(ruleIdOf).filter((r): r is string => !!r))];
    for (const rule of rules) {
      const action = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
      action.command = { command: OPEN_RULE_DOC_COMMAND, title: action.title, arguments: [rule] };
      action.diagnostics = context.diagnostics.filter((d) => ruleIdOf(d) === rule);
      actions.push(action);
    }
    // The fix-all action also shows in the light bulb when more than one fix is safe.
    const safe = safeFixes(this.lookup, document);
    if (safe.length > 1) actions.push(...this.fixAll(document, safe));
    return actions;
  }

  /** One action that applies every safe fix of the document's current version (never suggestions). */
  fixAll(document: vscode.TextDocument, fixes: Fix[] = safeFixes(this.lookup, document)): vscode.CodeAction[] {
    if (fixes.length === 0) return [];
    const edit = new vscode.WorkspaceEdit();
    let lastEnd = -1;
    // Fixes whose edits overlap an earlier one wait for the next round (the text moved under them).
    for (const fix of fixes.sort((a, b) => firstOffset(a) - firstOffset(b))) {
      const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
      if (edits.length === 0 || edits[0].offset < lastEnd) continue;
      for (const e of edits) edit.replace(document.uri, rangeOf(document, e), e.newText);
      lastEnd = Math.max(...edits.map((e) => e.offset + e.length));
    }
    const action = new vscode.CodeAction('Fix all safe Release Safety problems', FIX_ALL_KIND);
    action.edit = edit;
    return [action];
  }
}

function safeFixes(lookup: FindingLookup, document: vscode.TextDocument): Fix[] {
  const out: Fix[] = [];
  for (const d of vscode.languages.getDiagnostics(document.uri)) {
    if (!ruleIdOf(d)) continue;
    const f: Finding | undefined = lookup(document, d);
    if (f?.fix) out.push(f.fix);
  }
  return out;
}

function firstOffset(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.offset));
}

function fixAction(
  document: vscode.TextDocument,
  fix: Fix,
  diagnostic: vscode.Diagnostic,
  preferred: boolean,
): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(document.uri, rangeOf(document, e), e.newText);
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  return action;
}

/**
 * `# release-safety-disable-next-line RULE` above the diagnostic's line, at that line's
 * indentation; when a directive is already there, the rule is added to it.
 */
function disableLineAction(
  document: vscode.TextDocument,
  rule: string,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction {
  const line = diagnostic.range.start.line;
  const action = new vscode.CodeAction(`Disable ${rule} for this line`, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  const above = line > 0 ? document.lineAt(line - 1).text : undefined;
  const existing = above === undefined ? null : DIRECTIVE.exec(above);
  if (existing && existing[2].trim()) {
    // Add the rule to the directive already there, before any "-- reason".
    const idsEnd = (existing[1] + existing[2]).trimEnd().length;
    edit.insert(document.uri, new vscode.Position(line - 1, idsEnd), ` ${rule}`);
  } else {
    const indent = /^\s*/.exec(document.lineAt(line).text)?.[0] ?? '';
    edit.insert(document.uri, new vscode.Position(line, 0), suppressionComment(indent, rule));
  }
  action.edit = edit;
  action.diagnostics = [diagnostic];
  return action;
}
