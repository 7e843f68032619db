/**
 * Shared steps of the tests that run inside the real VS Code (bundled into each suite file).
 * The workspace is a temp copy holding `examples/` and `fixtures/` (see scripts/test-vscode.mjs),
 * so tests may edit and save files freely.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { lintText } from '../../src/core/lint/engine';
import type { Finding } from '../../src/core/lint/finding';
import type { LintConfig } from '../../src/core/config/lintConfig';
import type { ReleaseSafetyApi } from '../../src/extension/extension';
import type { LintEvent } from '../../src/extension/diagnostics';

export const EXTENSION_ID = 'release-safety.release-safety';
export const SOURCE = 'release-safety';

export async function api(): Promise<ReleaseSafetyApi> {
  const ext = vscode.extensions.getExtension<ReleaseSafetyApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  return ext.activate();
}

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (scripts/test-vscode.mjs opens one)');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Resolves with the first lint event for `uri` (at `version`, when given) that happens after
 * this call, or rejects after `ms`.
 */
export async function nextLint(uri: vscode.Uri, version?: number, ms = 20_000): Promise<LintEvent> {
  const { diagnostics } = await api();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `no lint of ${vscode.workspace.asRelativePath(uri)}${version !== undefined ? ` at version ${version}` : ''} within ${ms} ms`,
        ),
      );
    }, ms);
    const sub = diagnostics.onDidLint((e) => {
      if (e.uri.toString() !== uri.toString()) return;
      if (version !== undefined && e.version !== version) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/** Opens a workspace file in an editor and waits until the extension has linted it. */
export async function openAndLint(
  rel: string,
): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; event: LintEvent }> {
  const uri = workspaceUri(rel);
  const { diagnostics } = await api();
  const linted = nextLint(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (doc.languageId !== 'yaml') {
    // Another extension claimed it (docker-compose files are "dockercompose"): never linted.
    linted.catch(() => undefined);
    return { doc, editor, event: { uri, version: doc.version, ours: false, findings: [] } };
  }
  const last = diagnostics.lastLint.get(uri.toString());
  if (last?.version === doc.version) {
    linted.catch(() => undefined);
    return { doc, editor, event: last };
  }
  return { doc, editor, event: await linted };
}

/** Applies an edit to an open document and waits for the lint of the resulting version. */
export async function editAndLint(
  doc: vscode.TextDocument,
  change: (edit: vscode.WorkspaceEdit) => void,
): Promise<LintEvent> {
  const edit = new vscode.WorkspaceEdit();
  change(edit);
  if (doc.languageId !== 'yaml') {
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was refused');
    await sleep(400);
    return { uri: doc.uri, version: doc.version, ours: false, findings: [] };
  }
  const linted = nextLint(doc.uri, doc.version + 1);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was refused');
  return linted;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Waits (bounded) until our diagnostics of `uri` satisfy `ok`. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (d: vscode.Diagnostic[]) => boolean,
  ms = 20_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const d = ours(uri);
    if (ok(d)) return d;
    await sleep(25);
  }
  const last = ours(uri);
  assert.fail(
    `diagnostics of ${vscode.workspace.asRelativePath(uri)} did not reach the expected state within ${ms} ms; they are: ${JSON.stringify(last.map(plain))}`,
  );
}

export interface PlainDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: [number, number, number, number];
}

const SEVERITY_NAME: Record<number, string> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'hint' };

export function plain(d: vscode.Diagnostic): PlainDiagnostic {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  return {
    rule: code,
    severity: SEVERITY_NAME[d.severity],
    message: d.message,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

/**
 * What the editor must show for a text: the core's own findings, positioned by the document, for
 * the text linted together with the workspace's files (as the editor lints it). `ours`: the editor
 * has seen the file as ours, so its syntax errors count even when its kind is hidden.
 */
export function expectedFromCore(doc: vscode.TextDocument, config?: LintConfig, ours = false): PlainDiagnostic[] {
  const templates = vscode.extensions.getExtension<ReleaseSafetyApi>(EXTENSION_ID)?.exports?.templates;
  const project = templates?.projectFor(doc.uri);
  const { findings } = lintText(doc.getText(), {
    ...(config ? { config } : {}),
    ...(project ? { project } : {}),
    ...(ours ? { limits: { ours: true } } : {}),
  });
  return findings.map((f: Finding) => {
    const s = doc.positionAt(f.offset);
    const e = doc.positionAt(f.offset + f.length);
    return {
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: [s.line, s.character, e.line, e.character],
    };
  });
}

export function sortPlain(list: PlainDiagnostic[]): PlainDiagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.range[0] - b.range[0] ||
      a.range[1] - b.range[1] ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

/**
 * Closes every editor. Unsaved edits are undone first by putting the file's text on disk back and
 * saving that (the same bytes): closing a dirty editor would ask a question no one answers, and
 * the revert command depends on which editor is active at that instant.
 */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isClosed)) {
    if (doc.uri.scheme !== 'file') continue;
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), onDisk);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets a `releaseSafety.*` workspace setting and waits for the relint it causes (bounded). */
export async function setSetting(key: string, value: unknown, relintOf?: vscode.Uri): Promise<LintEvent | undefined> {
  const linted = relintOf ? nextLint(relintOf) : undefined;
  await vscode.workspace.getConfiguration('releaseSafety').update(key, value, vscode.ConfigurationTarget.Workspace);
  return linted;
}

/** Replaces the whole text of a document (and waits for its lint). */
export function replaceAll(doc: vscode.TextDocument, text: string): Promise<LintEvent> {
  return editAndLint(doc, (e) => e.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text));
}
