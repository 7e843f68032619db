/// <reference types="mocha" />
/**
 * The risk budget in the real VS Code: under a `.release-safety.yaml` budget, the hover on the
 * steps and the timeline CodeLens say the worst case in words, for a native canary and an Argo
 * Rollout; `canary/budget-overrun` is in Problems with its suggestions, none of them preferred.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, closeAllEditors, openAndLint, waitForDiagnostics } from '../helpers';

const RULE = 'canary/budget-overrun';
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const position = doc.positionAt(doc.getText().indexOf(needle) + 1);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return (hovers ?? [])
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/\\([\\*_[\]<>#|~])/g, '$1');
}

async function timelineLens(doc: vscode.TextDocument): Promise<string> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
  const titles = (lenses ?? []).map((l) => l.command?.title ?? '');
  const timeline = titles.find((t) => t.includes('%') && t.includes('·'));
  assert.ok(timeline, `a timeline CodeLens among: ${titles.join(' | ')}`);
  return timeline!;
}

describe('risk budget', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAllEditors);

  it('native canary: hover and CodeLens say the worst case; the finding offers three suggestions', async () => {
    const { doc } = await openAndLint('fixtures/budget/native-canary.yaml');
    const hover = await hoverText(doc, '50, 100]');
    assert.ok(
      hover.includes(
        'Risk budget: a release that fails outright at 50% burns 11.6% of the 30-day error budget before it is rolled back (allowed: 10%, over budget).',
      ),
      hover,
    );
    assert.match(await timelineLens(doc), /· worst case 11\.6% of the error budget \(over 10%\)$/);

    const [d] = (await waitForDiagnostics(doc.uri, (list) => list.some((x) => codeOf(x) === RULE))).filter(
      (x) => codeOf(x) === RULE,
    );
    assert.equal(doc.getText(d.range), '50');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.range,
      )) ?? [];
    const mine = actions.filter(
      (a) => a.edit && !a.title.startsWith('Disable ') && !a.title.startsWith('Show documentation'),
    );
    const titles = mine.map((a) => a.title);
    for (const t of ['Cap the steps below 100% at 43%', 'Lower failure_limit to 0'])
      assert.ok(titles.includes(t), `${t} in ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(
      titles.some((t) => t.startsWith('Shorten the interval to 4m')),
      titles.join(' | '),
    );
    assert.ok(
      mine.every((a) => !a.isPreferred),
      'a budget remedy is a decision: never the preferred fix',
    );
  });

  it('Argo Rollout: the template in the file decides; hover and CodeLens under the folder budget', async () => {
    const { doc } = await openAndLint('fixtures/budget/argo-rollout.yaml');
    // 40% x 5m x (2 + 1) / 43.2 min = 13.9%
    const hover = await hoverText(doc, 'setWeight: 40');
    assert.ok(
      hover.includes(
        'Risk budget: a release that fails outright at 40% burns 13.9% of the 30-day error budget before it is rolled back',
      ),
      hover,
    );
    assert.match(await timelineLens(doc), /worst case 13\.9% of the error budget \(over 10%\)/);
    const found = await waitForDiagnostics(doc.uri, (list) => list.some((x) => codeOf(x) === RULE));
    const d = found.find((x) => codeOf(x) === RULE)!;
    assert.equal(doc.getText(d.range), '40');
  });
});
