/**
 * Do no harm, enforced when a journey runs, against a local shop that counts the orders it gets:
 * a Buy click in Debian's Chromium places no order unless its step declares side effects; a late
 * POST (sent after the click returned) is still caught and pinned on the click; a GET that asks
 * for DELETE through a method-override header is refused in the browser and in API steps, in
 * lint and in run, and nothing is deleted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findBrowser } from '../../../src/core/journey/browserLaunch';
import { run, type RunOptions } from '../../../src/core/journey/runner';
import { loadJourneyFile } from '../../../src/core/journey/safety';
import { parseFile } from '../../../src/core/parse/parseFile';
import { journeyTextReporter } from '../../../src/cli/reporters/journeyText';
import { journeyJsonReporter } from '../../../src/cli/reporters/journeyJson';
import { journeyJunitReporter } from '../../../src/cli/reporters/journeyJunit';
import { stepLine } from '../../../src/extension/journeys/stepLine';
import { journeysOf, textAt } from './helpers';
import { startShop, type Shop } from './shopServer';

const browser = findBrowser();
let shop: Shop;
let shots: string;

before(async () => {
  shots = mkdtempSync(join(tmpdir(), 'rs-guard-'));
  shop = await startShop();
});
after(async () => {
  await shop.close();
  rmSync(shots, { recursive: true, force: true });
});

function file(steps: string): string {
  return `synthetic:
  base_url: ${shop.url}
  alerts: [{ channel: "slack:#web" }]
  journeys:
    - name: buyer
      steps:
${steps}`;
}

const options = (): RunOptions => ({ browser: { screenshotDir: shots }, stepTimeoutMs: 5000 });

describe(
  'the write guard in the local Chromium',
  { skip: browser.ok ? false : 'no Chrome/Chromium/Edge on this machine' },
  () => {
    it('blocks an undeclared Buy click: no order, the step fails naming POST /api/orders and the fix', async () => {
      const before = shop.orders;
      const text = file(`        - goto: /shop
        - click: "#buy"
        - expect_text: { selector: "#status", contains: ordered }
`);
      const j = (await run(journeysOf(text), options())).journeys[0];
      assert.equal(shop.orders, before, 'no order reached the shop');
      assert.equal(j.status, 'failed');
      const e = j.error!;
      assert.equal(e.kind, 'side-effect');
      assert.equal(e.stepIndex, 1, 'the click fails');
      assert.match(e.message, /POST \/api\/orders/);
      assert.match(e.message, /side_effects: harmless/);
      assert.match(e.message, /side_effects: sandbox/);
      assert.equal(textAt(text, e.ref), 'click');
      const click = j.steps[1];
      assert.deepEqual(
        click.writes?.map((w) => [w.method, w.url, w.allowed]),
        [['POST', `${shop.url}/api/orders`, false]],
      );
      assert.equal(j.steps[2].status, 'skipped');
    });

    it('lets a declared Buy click through: exactly one order, listed as allowed', async () => {
      const before = shop.orders;
      const text = file(`        - goto: /shop
        - click: "#buy"
          side_effects: sandbox
        - expect_text: { selector: "#status", contains: ordered }
`);
      const j = (await run(journeysOf(text), options())).journeys[0];
      assert.equal(j.status, 'passed', JSON.stringify(j.error));
      assert.equal(shop.orders, before + 1, 'exactly one order');
      const writes = j.steps.flatMap((s) => s.writes ?? []);
      assert.deepEqual(
        writes.map((w) => [w.method, w.url, w.allowed, w.stepIndex]),
        [['POST', `${shop.url}/api/orders`, true, 1]],
      );
    });

    it('catches a POST sent after the click returned, during the next step, and pins it on the click', async () => {
      const before = shop.orders;
      const text = file(`        - goto: /shop-late
        - click: "#buy"
        - expect_text: { selector: "#status", contains: ordered, timeout: 3s }
`);
      const j = (await run(journeysOf(text), options())).journeys[0];
      assert.equal(shop.orders, before, 'no order');
      assert.equal(j.status, 'failed');
      assert.equal(j.error!.kind, 'side-effect', j.error!.message);
      assert.match(j.error!.message, /POST \/api\/orders .* after click #buy \(step 2\)/);
      assert.equal(textAt(text, j.error!.ref), 'click', 'the message points at the step to declare');
      assert.equal(j.steps.flatMap((s) => s.writes ?? []).length, 1);
    });

    it("a late POST after a declared click is the click's: one order", async () => {
      const before = shop.orders;
      const text = file(`        - goto: /shop-late
        - click: "#buy"
          side_effects: harmless
        - expect_text: { selector: "#status", contains: ordered, timeout: 3s }
`);
      const j = (await run(journeysOf(text), options())).journeys[0];
      assert.equal(j.status, 'passed', JSON.stringify(j.error));
      assert.equal(shop.orders, before + 1);
    });

    it('blocks a GET the page sends with X-HTTP-Method-Override: DELETE; nothing is deleted', async () => {
      const before = shop.deleted;
      const text = file(`        - goto: /orders
        - click: "#cancel"
        - expect_text: { selector: "#status", contains: cancelled }
`);
      const j = (await run(journeysOf(text), options())).journeys[0];
      assert.equal(shop.deleted, before);
      assert.equal(j.error?.kind, 'side-effect');
      assert.match(j.error!.message, /DELETE \/api\/orders\/42 .*X-HTTP-Method-Override: DELETE/);
    });

    it('blocks an undeclared form post (a sign-in), allows it with side_effects: harmless', async () => {
      const blocked = (
        await run(
          journeysOf(
            file(`        - goto: /login
        - click: "#submit"
        - expect_visible: { selector: "#welcome", timeout: 2s }
`),
          ),
          options(),
        )
      ).journeys[0];
      assert.equal(blocked.error?.kind, 'side-effect');
      assert.match(blocked.error!.message, /POST \/session/);
      assert.ok(
        !shop.seen.some((s) => s.method === 'POST' && s.url === '/session'),
        'the form post never reached the server',
      );
      const allowed = (
        await run(
          journeysOf(
            file(`        - goto: /login
        - click: "#submit"
          side_effects: harmless
        - expect_visible: { selector: "#welcome", timeout: 5s }
`),
          ),
          options(),
        )
      ).journeys[0];
      assert.equal(allowed.status, 'passed', JSON.stringify(allowed.error));
      assert.equal(allowed.steps[1].writes?.[0]?.allowed, true);
    });
  },
);

describe(
  'the reports show allowed and blocked writes',
  { skip: browser.ok ? false : 'no Chrome/Chromium/Edge on this machine' },
  () => {
    it('text, JSON, JUnit and the output channel list both, with secrets redacted', async () => {
      const TOKEN = 'tok-Secret-42';
      const text = `synthetic:
  base_url: ${shop.url}
  alerts: [{ channel: "slack:#web" }]
  journeys:
    - name: declared
      steps:
        - goto: /shop?session=\${secret:SHOP_TOKEN}
        - click: "#buy"
          side_effects: sandbox
        - expect_text: { selector: "#status", contains: ordered }
    - name: undeclared
      steps:
        - goto: /shop
        - click: "#buy"
`;
      const result = await run(journeysOf(text), {
        ...options(),
        secrets: (n) => (n === 'SHOP_TOKEN' ? TOKEN : undefined),
      });
      assert.deepEqual(
        result.journeys.map((j) => j.status),
        ['passed', 'failed'],
      );
      const input = { result, file: 'shop.yaml', lineIndex: parseFile(text).lineIndex, color: false };
      const out = journeyTextReporter(input);
      assert.match(out, new RegExp(`allowed POST ${shop.url}/api/orders\\?session=\\*\\*\\*`));
      assert.match(out, new RegExp(`blocked POST ${shop.url}/api/orders`));
      const json = JSON.parse(journeyJsonReporter(input));
      assert.deepEqual(json.journeys[0].steps[1].allowedWrites, [
        { method: 'POST', url: `${shop.url}/api/orders?session=***`, step: 2 },
      ]);
      assert.deepEqual(json.journeys[0].steps[1].blockedWrites, []);
      assert.deepEqual(json.journeys[1].steps[1].blockedWrites, [
        { method: 'POST', url: `${shop.url}/api/orders`, step: 2 },
      ]);
      const xml = journeyJunitReporter(input);
      assert.match(xml, /<failure message="blocked write: the page sent POST \/api\/orders/);
      assert.match(xml, new RegExp(`allowed POST ${shop.url}/api/orders`));
      const lines = result.journeys.flatMap((j) => j.steps.map((s) => stepLine(j.name, s))).join('\n');
      assert.match(lines, /allowed POST/);
      assert.match(lines, /FAIL undeclared > click #buy .*blocked write/);
      for (const report of [out, xml, JSON.stringify(json), lines])
        assert.ok(!report.includes(TOKEN), 'no secret in a report');
    });
  },
);

describe('method overrides in API steps', () => {
  const override = (extra = '') =>
    file(`        - request: GET /api/orders/42
          headers: { X-HTTP-Method-Override: DELETE }
${extra}          expect: { status: 200 }
`);

  it('lint refuses the journey, naming the DELETE', () => {
    const loaded = loadJourneyFile(override());
    const refusal = loaded.refusals.get(loaded.journeys[0]);
    assert.ok(refusal, 'refused');
    assert.match(refusal.message, /DELETE/);
    assert.match(refusal.message, /synthetic\/unsafe-side-effects/);
  });

  it('run refuses it before anything is sent, even with the rule turned off; nothing is deleted', async () => {
    const seen = shop.seen.length;
    const before = shop.deleted;
    for (const text of [
      override(),
      file(`        - request: GET /api/orders/42?_method=DELETE\n          expect: { status: 200 }\n`),
      file(
        `        - request: GET /api/orders/\${env:ORDER}\n          headers: { X-HTTP-Method-Override: "\${env:VERB}" }\n`,
      ),
    ]) {
      const j = (await run(journeysOf(text), { env: (n) => ({ ORDER: '42', VERB: 'delete' })[n] })).journeys[0];
      assert.equal(j.status, 'failed');
      assert.equal(j.error?.kind, 'side-effect');
      assert.match(j.error!.message, /asks the server for DELETE .*it was not sent/);
    }
    assert.equal(shop.seen.length, seen, 'nothing reached the server');
    assert.equal(shop.deleted, before);
    const j = (await run(journeysOf(override()))).journeys[0];
    assert.deepEqual(
      j.steps[0].writes?.map((w) => [w.method, w.url, w.allowed, w.via]),
      [['DELETE', `${shop.url}/api/orders/42`, false, 'X-HTTP-Method-Override: DELETE']],
      'listed as blocked',
    );
  });

  it('runs it when the step declares sandbox (the test shop is one): one delete', async () => {
    const before = shop.deleted;
    const j = (await run(journeysOf(override('          side_effects: sandbox\n')))).journeys[0];
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
    assert.equal(shop.deleted, before + 1);
    assert.equal(j.steps[0].writes?.[0]?.allowed, true, 'listed as allowed');
  });
});
