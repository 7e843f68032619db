/// <reference types="mocha" />
/**
 * Do no harm in the real VS Code's Test Explorer, against a local shop (started here on
 * 127.0.0.1) that counts its orders and deletes: an undeclared Buy click places no order and the
 * click's failure message names the blocked POST /api/orders; a declared one places exactly one;
 * a GET asking for DELETE through X-HTTP-Method-Override is flagged as you type and refused, and
 * nothing is deleted. The consent modal names the loopback host as this machine and offers
 * "Run once" / "Always for this workspace"; Manage Journey Hosts is there to revoke.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, closeAllEditors, waitForDiagnostics, workspaceUri } from '../helpers';
import type { RecordedState } from '../../../src/extension/journeys/journeyTests';
import { startShop, type Shop } from '../../integration/journey/shopServer';

let shop: Shop;

async function openJourneyFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const { journeys } = await api();
  assert.ok(await journeys.discover(uri), 'the file is a test item');
  return uri;
}

async function recordRun(
  uri: vscode.Uri,
  journeyIndex: number,
): Promise<{ status?: string; recorded: RecordedState[] }> {
  const { journeys } = await api();
  const recorded: RecordedState[] = [];
  const sub = journeys.onDidRecord((r) => recorded.push(r));
  try {
    const result = await journeys.runJourney(uri, journeyIndex, 0);
    return { status: result?.status, recorded };
  } finally {
    sub.dispose();
  }
}

describe('side effects in the Test Explorer', function () {
  this.timeout(120_000);
  before(async () => {
    shop = await startShop();
  });
  after(async () => {
    await closeAllEditors();
    await shop.close();
  });

  it('asks once per host, names loopback as this machine, blocks an undeclared Buy and allows a declared one', async () => {
    const { journeys } = await api();
    const host = new URL(shop.url).host;
    await journeys.consent.revoke([host]);
    const text = `synthetic:
  base_url: ${shop.url}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: buy without saying so
      steps:
        - goto: /shop
        - click: "#buy"
        - expect_text: { selector: "#status", contains: ordered }
    - name: buy in the sandbox
      steps:
        - goto: /shop
        - click: "#buy"
          side_effects: sandbox
        - expect_text: { selector: "#status", contains: ordered }
`;
    const uri = await openJourneyFile('side-effects-shop.yaml', text);
    const asked: Array<{ message: string; detail: string; choices: string[] }> = [];
    const ask = journeys.consent.ask;
    journeys.consent.ask = async (message, detail, choices) => {
      asked.push({ message, detail, choices });
      return 'Run once';
    };
    try {
      const blocked = await recordRun(uri, 0);
      assert.equal(blocked.status, 'failed');
      assert.equal(shop.orders, 0, 'no order reached the shop');
      const clickId = `${uri.toString()}#0/0/1`;
      const failed = blocked.recorded.find((r) => r.id === clickId && r.state === 'failed');
      assert.ok(failed, JSON.stringify(blocked.recorded));
      assert.match(failed.message ?? '', /blocked write: the page sent POST \/api\/orders/);
      assert.match(failed.message ?? '', /side_effects: harmless/);
      assert.equal(failed.line, 8, 'the message sits on the click');

      assert.equal(asked.length, 1, 'one question for the run');
      assert.equal(asked[0].message, `Run "buy without saying so" against ${host} (this machine)?`);
      assert.match(asked[0].detail, /a service on this machine \(local\)/);
      assert.doesNotMatch(asked[0].detail, /production/);
      assert.deepEqual(asked[0].choices, ['Run once', 'Always for this workspace']);

      // "Run once" asked again next time; "Always" is remembered, listed and revocable.
      journeys.consent.ask = async (message, detail, choices) => {
        asked.push({ message, detail, choices });
        return 'Always for this workspace';
      };
      const allowed = await recordRun(uri, 1);
      assert.equal(allowed.status, 'passed', JSON.stringify(allowed.recorded));
      assert.equal(shop.orders, 1, 'exactly one order');
      assert.equal(asked.length, 2, 'Run once asked again');
      assert.ok(journeys.consent.allowed().includes(host));
      assert.equal((await recordRun(uri, 1)).status, 'passed');
      assert.equal(asked.length, 2, 'Always did not ask again');
      assert.equal(shop.orders, 2);
      assert.ok((await vscode.commands.getCommands(true)).includes('releaseSafety.manageJourneyHosts'));
      await journeys.consent.revoke([host]);
      assert.ok(!journeys.consent.allowed().includes(host));
    } finally {
      journeys.consent.ask = ask;
    }
  });

  it('flags a GET that asks for DELETE as you type, refuses to run it, and deletes nothing', async () => {
    const { journeys } = await api();
    await journeys.consent.allow([new URL(shop.url).host]);
    const text = `synthetic:
  base_url: ${shop.url}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: look at order 42
      steps:
        - request: GET /api/orders/42
          headers: { X-HTTP-Method-Override: DELETE }
          expect: { status: 200 }
`;
    const uri = await openJourneyFile('side-effects-override.yaml', text);
    const isOurs = (d: vscode.Diagnostic) =>
      (typeof d.code === 'object' ? d.code.value : d.code) === 'synthetic/unsafe-side-effects';
    const diagnostic = (await waitForDiagnostics(uri, (l) => l.some(isOurs))).find(isOurs);
    assert.ok(diagnostic, 'the override is flagged');
    assert.match(diagnostic.message, /asks the server for DELETE \(X-HTTP-Method-Override: DELETE\)/);
    const seen = shop.seen.length;
    const run = await recordRun(uri, 0);
    const refused = run.recorded.find((r) => r.id === `${uri.toString()}#0/0` && r.state === 'errored');
    assert.ok(refused, JSON.stringify(run.recorded));
    assert.match(refused.message ?? '', /^Not run: .*DELETE/);
    assert.equal(shop.seen.length, seen, 'nothing was sent');
    assert.equal(shop.deleted, 0);
    await journeys.consent.revoke([new URL(shop.url).host]);
  });
});
