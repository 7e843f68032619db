/// <reference types="mocha" />
/**
 * The editor features inside the real VS Code: quick fixes (the core's fix, "Disable RULE for this
 * line", fix-all), completion, hover, CodeLens and the palette commands, all through VS Code's
 * own provider commands (`vscode.execute*Provider`), as the workbench calls them.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, closeAllEditors, nextLint, openAndLint, ours, waitForDiagnostics, workspaceUri } from '../helpers';
import { lintText } from '../../../src/core/lint/engine';
import { allRuleMetas } from '../../../src/core/lint/rules/index';
import { nativeSchemas } from '../../../src/core/completion/nativeSchemas';
import { descriptionOf, schemasAt } from '../../../src/core/completion/schemaAt';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function codeActions(
  doc: vscode.TextDocument,
  range: vscode.Range,
  kind?: vscode.CodeActionKind,
): Promise<vscode.CodeAction[]> {
  const list = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    range,
    kind?.value,
  );
  return (list ?? []).filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

async function applyAndLint(doc: vscode.TextDocument, action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has an edit`);
  const linted = nextLint(doc.uri, doc.version + 1);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" applied`);
  await linted;
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${doc.uri.path}`);
  return doc.positionAt(at + delta);
}

async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  // As rendered: markdown escapes (\> \_) dropped.
  return (hovers ?? [])
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/\\([\\*_[\]<>#|~])/g, '$1');
}

async function completionLabels(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    position,
  );
  // Word-based suggestions (kind Text) come from the editor itself, not from us.
  return list.items
    .filter((i) => i.kind !== vscode.CompletionItemKind.Text)
    .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

let copies = 0;
/**
 * A fresh copy of a fixture under its own name, so that each test edits its own file and no test
 * depends on an earlier one's edits being reverted.
 */
async function freshCopy(rel: string): Promise<string> {
  const name = rel.replace(/\.yaml$/, `.copy${++copies}.yaml`);
  await vscode.workspace.fs.writeFile(workspaceUri(name), await vscode.workspace.fs.readFile(workspaceUri(rel)));
  return name;
}

describe('editor features', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAllEditors);

  it('a quick fix from the core changes the text and its diagnostic goes away', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/journeys-to-fix.yaml'));
    const before = await waitForDiagnostics(doc.uri, (l) => l.some((d) => codeOf(d) === 'synthetic/hardcoded-secret'));
    const diagnostic = before.find((d) => codeOf(d) === 'synthetic/hardcoded-secret')!;
    const actions = await codeActions(doc, diagnostic.range);
    // The title comes from the core's fix for this finding (offsets identical to the diagnostic's).
    const finding = lintText(doc.getText()).findings.find(
      (f) => f.rule === 'synthetic/hardcoded-secret' && doc.positionAt(f.offset).isEqual(diagnostic.range.start),
    );
    assert.ok(finding?.fix, 'the core has a fix for it');
    const fix = actions.find((a) => a.title === finding.fix!.title);
    assert.ok(fix, `the fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(fix.isPreferred, 'a safe fix is the preferred action');
    const textBefore = doc.getText();
    await applyAndLint(doc, fix);
    assert.notEqual(doc.getText(), textBefore);
    assert.ok(!doc.getText().includes('hunter2'), 'the literal password is gone');
    assert.match(doc.getText(), /\$\{secret:[A-Z_]+\}/);
    const after = await waitForDiagnostics(doc.uri, (l) => !l.some((d) => codeOf(d) === 'synthetic/hardcoded-secret'));
    assert.ok(!after.some((d) => codeOf(d) === 'yaml/syntax'), 'the fixed file still parses');
  });

  it('offers a suggestion as a non-preferred action, and the rule documentation', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/journeys-to-fix.yaml'));
    const [insecure] = (
      await waitForDiagnostics(doc.uri, (l) => l.some((d) => codeOf(d) === 'synthetic/insecure-url'))
    ).filter((d) => codeOf(d) === 'synthetic/insecure-url');
    const actions = await codeActions(doc, insecure.range);
    const suggestion = actions.find((a) => a.title === 'Use https://');
    assert.ok(suggestion, `the suggestion among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(!suggestion.isPreferred, 'a suggestion is never preferred');
    const docs = actions.find((a) => a.title === 'Show documentation for synthetic/insecure-url');
    assert.equal(docs?.command?.command, 'releaseSafety.openRuleDocumentation');
    assert.deepEqual(docs?.command?.arguments, ['synthetic/insecure-url']);
  });

  it('"Disable RULE for this line" inserts the directive above, at the line\'s indentation, and silences it', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/journeys-to-fix.yaml'));
    const [target] = (
      await waitForDiagnostics(doc.uri, (l) => l.some((d) => codeOf(d) === 'synthetic/insecure-url'))
    ).filter((d) => codeOf(d) === 'synthetic/insecure-url');
    const line = target.range.start.line;
    const indent = /^\s*/.exec(doc.lineAt(line).text)![0];
    const action = (await codeActions(doc, target.range)).find(
      (a) => a.title === 'Disable synthetic/insecure-url for this line',
    );
    assert.ok(action);
    await applyAndLint(doc, action);
    assert.equal(doc.lineAt(line).text, `${indent}# release-safety-disable-next-line synthetic/insecure-url`);
    await waitForDiagnostics(doc.uri, (l) => !l.some((d) => codeOf(d) === 'synthetic/insecure-url'));
    assert.ok(
      ours(doc.uri).some((d) => codeOf(d) === 'synthetic/hardcoded-secret'),
      'other findings stay',
    );
  });

  it('source.fixAll.releaseSafety applies every safe fix and no suggestion', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/journeys-to-fix.yaml'));
    await waitForDiagnostics(doc.uri, (l) => l.some((d) => codeOf(d) === 'synthetic/missing-alert'));
    const fixable = lintText(doc.getText()).findings.filter((f) => f.fix);
    assert.ok(fixable.length >= 2, 'the fixture has at least two safe fixes');
    const kind = vscode.CodeActionKind.SourceFixAll.append('releaseSafety');
    const [fixAll] = await codeActions(doc, new vscode.Range(0, 0, 0, 0), kind);
    assert.ok(fixAll, 'a fix-all action');
    assert.equal(fixAll.kind?.value, 'source.fixAll.releaseSafety');
    await applyAndLint(doc, fixAll);
    const left = lintText(doc.getText()).findings;
    assert.ok(
      !left.some((f) => f.fix && fixable.some((g) => g.rule === f.rule)),
      `safe fixes left: ${JSON.stringify(left.filter((f) => f.fix).map((f) => f.rule))}`,
    );
    assert.ok(
      left.some((f) => f.rule === 'synthetic/insecure-url'),
      'the suggestion was not applied',
    );
    assert.ok(!left.some((f) => f.rule === 'yaml/syntax'));
  });

  it('completion offers the keys of a canary and the values of on_failure', async () => {
    const { doc, editor } = await openAndLint(await freshCopy('fixtures/features/canary-to-complete.yaml'));
    // A new line at the canary's indentation, after `service:`.
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '  \n'));
    const keys = await completionLabels(doc, new vscode.Position(2, 2));
    for (const k of ['interval', 'on_failure', 'failure_limit', 'min_requests'])
      assert.ok(!keys.includes(k), `"${k}" is already written, so not offered`);
    assert.ok(keys.includes('source'), `source among ${JSON.stringify(keys)}`);
    const values = await completionLabels(doc, positionOf(doc, 'rollback\n', 0));
    for (const v of ['rollback', 'pause', 'alert'])
      assert.ok(values.includes(v), `${v} among ${JSON.stringify(values)}`);
    const metricNames = await completionLabels(doc, positionOf(doc, 'error-rate'));
    assert.ok(metricNames.includes('p99-latency') && metricNames.includes('success-rate'), JSON.stringify(metricNames));
  });

  it('hover on a threshold says it in words; on steps it shows the timeline and the times', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/canary-to-complete.yaml'));
    assert.match(
      await hoverText(doc, positionOf(doc, 'baseline *', 2)),
      /the canary's p99 latency must stay within 110% of the baseline's/i,
    );
    const steps = await hoverText(doc, positionOf(doc, 'steps:', 1));
    assert.match(steps, /1% > 5% > 25% > 50% > 100% · 25 min to full/);
    assert.match(steps, /Worst case to roll back: 10 min/);
    // On a key, the schema's own documentation of it.
    const documented = descriptionOf(schemasAt(nativeSchemas().canary!, ['canary', 'service']));
    assert.ok(documented);
    assert.ok((await hoverText(doc, positionOf(doc, 'service', 1))).includes(documented.slice(0, 40)));
  });

  it('hover on a diagnostic shows its rule and a link to its documentation', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/journeys-to-fix.yaml'));
    const [d] = (
      await waitForDiagnostics(doc.uri, (l) => l.some((x) => codeOf(x) === 'synthetic/insecure-url'))
    ).filter((x) => codeOf(x) === 'synthetic/insecure-url');
    const text = await hoverText(doc, d.range.start.translate(0, 1));
    assert.match(text, /\*\*synthetic\/insecure-url\*\*/);
    assert.match(text, /command:releaseSafety\.openRuleDocumentation/);
  });

  it('CodeLens: the canary timeline and "Run journey" above each journey', async () => {
    const { doc } = await openAndLint(await freshCopy('fixtures/features/canary-to-complete.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      doc.uri,
      10,
    );
    const titles = lenses.map((l) => l.command?.title);
    assert.deepEqual(titles, ['1% > 5% > 25% > 50% > 100% · 25 min to full', '$(play) Run journey']);
    assert.equal(lenses[0].range.start.line, 0);
    const run = lenses[1].command!;
    assert.equal(run.command, 'releaseSafety.runJourney');
    assert.equal(run.arguments?.[1], 'checkout API is healthy');
    assert.equal(doc.lineAt(lenses[1].range.start.line).text.trim(), '- name: checkout API is healthy');
  });

  it('New Canary Config opens an untitled YAML canary that lints without errors', async () => {
    await vscode.commands.executeCommand('releaseSafety.newCanaryConfig');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(editor.document.getText(), /^canary:\n  service: checkout\n/);
    const errors = lintText(editor.document.getText()).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => f.rule),
      [],
    );
  });

  it('New Synthetic Journey opens an untitled synthetic file', async () => {
    await vscode.commands.executeCommand('releaseSafety.newSyntheticJourney');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^synthetic:\n/);
    assert.match(text, /journeys:\n    - name: service is healthy/);
  });

  it("Run journey is there for the CodeLens (the runner's command, or the placeholder until it lands)", async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('releaseSafety.runJourney'));
  });

  it('Open Rule Documentation opens the rule page from the extension folder', async () => {
    const ext = vscode.extensions.getExtension('release-safety.release-safety')!;
    let opened = 0;
    for (const meta of allRuleMetas()) {
      const file = vscode.Uri.joinPath(
        ext.extensionUri,
        'docs',
        'rules',
        ...meta.id.split('/').map((p, i, a) => (i === a.length - 1 ? `${p}.md` : p)),
      );
      try {
        await vscode.workspace.fs.stat(file);
      } catch {
        continue;
      }
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'releaseSafety.openRuleDocumentation',
        meta.id,
      );
      assert.equal(uri?.toString(), file.toString());
      opened++;
      if (opened >= 2) break;
    }
    assert.ok(opened >= 1, 'at least one rule page is shipped in docs/rules');
  });

  it('Open Rule Documentation from the palette asks which rule and opens the one picked', async () => {
    const first = allRuleMetas()[0];
    const running = vscode.commands.executeCommand<vscode.Uri | undefined>('releaseSafety.openRuleDocumentation');
    await new Promise((r) => setTimeout(r, 800)); // the quick pick opens
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const uri = await running;
    assert.ok(uri?.path.endsWith(`/docs/rules/${first.id}.md`), `opened ${uri?.toString()} for ${first.id}`);
  });
});
