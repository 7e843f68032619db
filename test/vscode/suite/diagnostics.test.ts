/// <reference types="mocha" />
/**
 * Diagnostics inside the real VS Code: what the Problems panel gets for each example and fixture
 * must be exactly what the core finds (rule, severity, message, range), so the test fails if the
 * editor layer misreports, whatever rules exist today.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import {
  api,
  closeAllEditors,
  editAndLint,
  expectedFromCore,
  nextLint,
  openAndLint,
  ours,
  plain,
  sortPlain,
  waitForDiagnostics,
  workspaceUri,
} from '../helpers';
import { docsUrl } from '../../../src/core/lint/rule';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, parseLintConfig, type LintConfig } from '../../../src/core/config/lintConfig';

/** The nearest `.release-safety.yaml` above a file (within the workspace), as the editor applies it. */
function configFor(uri: vscode.Uri): LintConfig | undefined {
  const stop = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  for (let dir = dirname(uri.fsPath); stop && dir.startsWith(stop); dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return parseLintConfig(readFileSync(candidate, 'utf8')).config;
    if (dir === stop) break;
  }
  return undefined;
}

/** The diagnostics of one rule (other rules may add findings to the fixtures as they land). */
function syntaxOnly(list: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return list.filter((d) => typeof d.code === 'object' && d.code.value === 'yaml/syntax');
}
const hasOneSyntax = (l: vscode.Diagnostic[]) => syntaxOnly(l).length === 1;

async function yamlFilesUnder(folder: string): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceUri(folder), '**/*.{yaml,yml}'));
  return found.filter((u) => !u.path.endsWith('/.release-safety.yaml')).sort((a, b) => a.path.localeCompare(b.path));
}

describe('diagnostics', () => {
  before(async () => {
    const { activationMs } = await api();
    console.log(`    activation: ${activationMs.toFixed(1)} ms in activate()`);
  });
  afterEach(closeAllEditors);

  it('shows exactly the core findings, at the right ranges, for every example and fixture', async function () {
    this.timeout(240_000); // one open/lint/close per file, on a machine that may be busy
    const files = [...(await yamlFilesUnder('examples')), ...(await yamlFilesUnder('fixtures'))].filter(
      (u) => !u.path.includes('/configured/') && !u.path.includes('/unopened/'),
    );
    assert.ok(files.length >= 6, `expected the fixtures in the workspace, found ${files.length} files`);
    let withFindings = 0;
    for (const uri of files) {
      const rel = vscode.workspace.asRelativePath(uri);
      const { doc, event } = await openAndLint(rel);
      const expected = event.ours ? sortPlain(expectedFromCore(doc, configFor(uri))) : [];
      const actual = await waitForDiagnostics(uri, (d) => d.length === expected.length);
      assert.deepEqual(sortPlain(actual.map(plain)), expected, rel);
      if (expected.length) withFindings++;
      await closeAllEditors();
    }
    assert.ok(withFindings >= 2, 'some files must have findings, or this test proves nothing');
  });

  it('puts a duplicated key of a canary at its line, with the rule id and its documentation link', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    const [d] = syntaxOnly(await waitForDiagnostics(doc.uri, hasOneSyntax));
    assert.equal(d.range.start.line, 4);
    assert.equal(d.range.start.character, 2);
    assert.equal(doc.getText(d.range), 'i', 'the range starts at the duplicated key "interval"');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof d.code === 'object');
    assert.equal(d.code.value, 'yaml/syntax');
    assert.equal(d.code.target.toString(true), vscode.Uri.parse(docsUrl('yaml/syntax')).toString(true));
    assert.equal(d.source, 'release-safety');
  });

  it('updates as the text is edited: fixing the mistake clears it, a new one appears at its place', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    await waitForDiagnostics(doc.uri, hasOneSyntax);
    // Delete line 5 ("  interval: 10m"): the duplicate goes away.
    await editAndLint(doc, (e) => e.delete(doc.uri, new vscode.Range(4, 0, 5, 0)));
    await waitForDiagnostics(doc.uri, (l) => l.length === expectedFromCore(doc).length);
    assert.deepEqual(sortPlain(ours(doc.uri).map(plain)), sortPlain(expectedFromCore(doc)));
    assert.ok(!ours(doc.uri).some((d) => String((d.code as { value: string }).value) === 'yaml/syntax'));
    // Duplicate "service" on line 2 instead.
    await editAndLint(doc, (e) => e.insert(doc.uri, new vscode.Position(2, 0), '  service: again\n'));
    const after = await waitForDiagnostics(doc.uri, (l) => l.some((d) => d.range.start.line === 2));
    const dup = after.find((d) => d.range.start.line === 2)!;
    assert.equal((dup.code as { value: string }).value, 'yaml/syntax');
    assert.deepEqual(sortPlain(after.map(plain)), sortPlain(expectedFromCore(doc)));
  });

  it('honours suppression comments, and the finding returns when the comment is removed', async () => {
    const { doc } = await openAndLint('fixtures/suppressed.yaml');
    assert.deepEqual(sortPlain(ours(doc.uri).map(plain)), sortPlain(expectedFromCore(doc)));
    assert.equal(syntaxOnly(ours(doc.uri)).length, 0, 'the duplicated key on line 6 is suppressed');
    const commentLine = doc.lineAt(4);
    assert.match(commentLine.text, /release-safety-disable-next-line yaml\/syntax/);
    await editAndLint(doc, (e) => e.delete(doc.uri, commentLine.rangeIncludingLineBreak));
    const after = await waitForDiagnostics(doc.uri, (l) => syntaxOnly(l).length > 0);
    assert.ok(
      after.some((d) => d.range.start.line === 4 && (d.code as { value: string }).value === 'yaml/syntax'),
      JSON.stringify(after.map(plain)),
    );
  });

  it('handles a multi-document file: the finding sits in the right document, the Service is left alone', async () => {
    const { doc, event } = await openAndLint('fixtures/multi-doc.yaml');
    assert.equal(event.ours, true);
    const diags = await waitForDiagnostics(doc.uri, (l) => syntaxOnly(l).length > 0);
    assert.deepEqual(sortPlain(diags.map(plain)), sortPlain(expectedFromCore(doc)));
    const dup = diags.find((d) => (d.code as { value: string }).value === 'yaml/syntax');
    assert.ok(dup, 'the duplicated "replicas" of the Rollout is reported');
    assert.equal(dup.range.start.line, 17);
    assert.ok(
      diags.every((d) => d.range.start.line >= 9),
      'nothing in the first document (a plain Service)',
    );
  });

  for (const rel of ['fixtures/k8s-deployment.yaml', 'fixtures/docker-compose.yml']) {
    it(`leaves ${rel.split('/')[1]} alone, even with a mistake in it`, async () => {
      const { doc, event } = await openAndLint(rel);
      assert.equal(event.ours, false);
      assert.equal(ours(doc.uri).length, 0);
      // Still nothing after an edit.
      const e2 = await editAndLint(doc, (e) => e.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '# edited\n'));
      assert.equal(e2.ours, false);
      assert.deepEqual(ours(doc.uri), []);
    });
  }

  it('clears the diagnostics when the file is closed', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    await waitForDiagnostics(doc.uri, hasOneSyntax);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForDiagnostics(doc.uri, (l) => l.length === 0);
  });

  it('keeps a document that stops sniffing as a canary (a syntax error in the top key) checked', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    const ev = await editAndLint(doc, (e) => e.replace(doc.uri, new vscode.Range(0, 0, 0, 7), '[canary:'));
    assert.equal(ev.ours, true);
    const diags = await waitForDiagnostics(doc.uri, (l) => l.length > 0);
    assert.deepEqual(sortPlain(diags.map(plain)), sortPlain(expectedFromCore(doc, undefined, true)));
  });

  it('ties each diagnostic to its core Finding for the current version only (for quick fixes)', async () => {
    const { doc } = await openAndLint('fixtures/broken-canary.yaml');
    const api_ = await api();
    const [d] = syntaxOnly(await waitForDiagnostics(doc.uri, hasOneSyntax));
    const finding = api_.findingFor(doc, d);
    assert.ok(finding, 'a finding stands behind the diagnostic');
    assert.equal(finding.rule, 'yaml/syntax');
    assert.equal(doc.positionAt(finding.offset).line, d.range.start.line);
    assert.equal(api_.findingsOf(doc)?.length, ours(doc.uri).length);
    // A line above moves the finding: the old diagnostic no longer resolves, the new one does.
    await editAndLint(doc, (e) => e.insert(doc.uri, new vscode.Position(0, 0), '# a comment\n'));
    const [d2] = syntaxOnly(
      await waitForDiagnostics(doc.uri, (l) => hasOneSyntax(l) && syntaxOnly(l)[0].range.start.line === 5),
    );
    assert.equal(api_.findingFor(doc, d), undefined);
    assert.equal(api_.findingFor(doc, d2)?.rule, 'yaml/syntax');
  });

  it('does not lint while typing when releaseSafety.lintOn is "save", and does on save', async () => {
    // A file of its own: this test saves it.
    const source = await vscode.workspace.fs.readFile(workspaceUri('fixtures/broken-canary.yaml'));
    await vscode.workspace.fs.writeFile(workspaceUri('fixtures/lint-on-save.yaml'), source);
    const { doc } = await openAndLint('fixtures/lint-on-save.yaml');
    await waitForDiagnostics(doc.uri, hasOneSyntax);
    await vscode.workspace
      .getConfiguration('releaseSafety')
      .update('lintOn', 'save', vscode.ConfigurationTarget.Workspace);
    try {
      await nextLint(doc.uri).catch(() => undefined); // the relint the setting change causes
      const edit = new vscode.WorkspaceEdit();
      edit.delete(doc.uri, new vscode.Range(4, 0, 5, 0));
      let linted = false;
      const sub = (await api()).diagnostics.onDidLint((e) => {
        if (e.uri.toString() === doc.uri.toString()) linted = true;
      });
      assert.ok(await vscode.workspace.applyEdit(edit));
      await new Promise((r) => setTimeout(r, 600));
      sub.dispose();
      assert.equal(linted, false, 'no lint while typing');
      assert.equal(syntaxOnly(ours(doc.uri)).length, 1, 'the old diagnostic stays until save');
      const saved = nextLint(doc.uri, doc.version);
      await doc.save();
      await saved;
      await waitForDiagnostics(doc.uri, (l) => syntaxOnly(l).length === 0 && l.length === expectedFromCore(doc).length);
    } finally {
      await vscode.workspace
        .getConfiguration('releaseSafety')
        .update('lintOn', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
