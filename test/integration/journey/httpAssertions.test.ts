/** API journeys against a real local server: every expectation kind passing and failing, captures. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { run } from '../../../src/core/journey/runner';
import { apiFile, journeysOf, textAt } from './helpers';
import { json, startHttp, type TestServer } from './servers';

let server: TestServer;
before(async () => {
  let nextId = 41;
  server = await startHttp({
    'GET /api/health': (_req, res) =>
      json(
        res,
        200,
        { status: 'ok', checks: { db: 'up', count: 3 }, items: [{ id: 1 }, { id: 2 }] },
        { 'x-build': 'abc123' },
      ),
    'GET /api/empty': (_req, res) => void res.writeHead(204).end(),
    'POST /api/cart': (req, res) => json(res, 201, { id: ++nextId, received: JSON.parse(req.body) }),
    'GET /api/cart/42': (_req, res) => json(res, 200, { id: 42, sku: 'TEST-SKU-1' }),
    'GET /api/slow': (_req, res) => void setTimeout(() => json(res, 200, { ok: true }), 60),
    'GET /page': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'),
    'GET /api/broken': (_req, res) => json(res, 500, { error: 'db down' }),
  });
});
after(() => server.close());

async function runOne(text: string) {
  const result = await run(journeysOf(text), { env: (n) => ({ SKU: 'TEST-SKU-1' })[n] });
  return result.journeys[0];
}

describe('expectations that hold', () => {
  it('passes status (number, list, class), latency, json, body_contains and headers', async () => {
    const text = apiFile(
      server.url,
      `        - request: GET /api/health
          expect:
            status: 200
            latency: "< 5s"
            json: { "$.status": ok, "$.checks.count": 3, "$.items[*].id": [1, 2], "$.checks": { db: up, count: 3 } }
            body_contains: '"db":"up"'
            headers: { content-type: application/json, x-build: abc }
        - request: GET /api/empty
          expect: { status: [200, 204] }
        - request: GET /api/health
          expect: { status: "2xx" }
`,
    );
    const j = await runOne(text);
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
    assert.deepEqual(
      j.steps.map((s) => s.status),
      ['passed', 'passed', 'passed'],
    );
    assert.deepEqual(
      j.steps.map((s) => s.httpStatus),
      [200, 204, 200],
    );
    for (const s of j.steps) {
      assert.ok(
        s.timings && s.timings.ttfbMs !== undefined && s.timings.ttfbMs <= s.timings.totalMs,
        'ttfb and total timings',
      );
    }
  });

  it('captures a value and uses it in later steps (URL, body, expectation), keeping its type', async () => {
    const text = apiFile(
      server.url,
      `        - request: POST /api/cart
          side_effects: sandbox
          body: { sku: "\${env:SKU}", qty: 1 }
          capture: { cart_id: "$.id" }
          expect: { status: 201 }
        - request: GET /api/cart/\${cart_id}
          expect:
            json: { "$.id": "\${cart_id}", "$.sku": "\${env:SKU}" }
`,
    );
    const before = server.seen.length;
    const j = await runOne(text);
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
    const seen = server.seen.slice(before);
    assert.equal(seen[0].method, 'POST');
    assert.deepEqual(JSON.parse(seen[0].body), { sku: 'TEST-SKU-1', qty: 1 });
    assert.match(String(seen[0].headers['content-type']), /application\/json/);
    assert.equal(seen[1].url, '/api/cart/42');
  });
});

describe('expectations that fail say what, what came, and where', () => {
  const cases: Array<{
    name: string;
    step: string;
    kind: string;
    message: RegExp;
    at: RegExp;
    expected?: string;
    actual?: string;
  }> = [
    {
      name: 'status',
      step: `request: GET /api/health\n          expect: { status: 201 }`,
      kind: 'assertion',
      message: /expected status 201, got 200/,
      at: /^201$/,
      expected: '201',
      actual: '200',
    },
    {
      name: 'status list',
      step: `request: GET /api/health\n          expect: { status: [201, 204] }`,
      kind: 'assertion',
      message: /expected status 201 or 204, got 200/,
      at: /^\[201, 204\]$/,
    },
    {
      name: 'status class',
      step: `request: GET /api/broken\n          expect: { status: "2xx" }`,
      kind: 'assertion',
      message: /expected status 2xx, got 500.*db down/,
      at: /2xx/,
    },
    {
      name: 'latency',
      step: `request: GET /api/slow\n          expect: { latency: "< 5ms" }`,
      kind: 'assertion',
      message: /expected latency < 5ms, took \d+ms/,
      at: /< 5ms/,
    },
    {
      name: 'json value',
      step: `request: GET /api/health\n          expect: { json: { "$.status": down } }`,
      kind: 'assertion',
      message: /expected \$\.status to be "down", got "ok"/,
      at: /\$\.status/,
      expected: '"down"',
      actual: '"ok"',
    },
    {
      name: 'json type',
      step: `request: GET /api/health\n          expect: { json: { "$.checks.count": "3" } }`,
      kind: 'assertion',
      message: /the number 3, not the string "3"/,
      at: /count/,
    },
    {
      name: 'json no match',
      step: `request: GET /api/health\n          expect: { json: { "$.missing": 1 } }`,
      kind: 'assertion',
      message: /matched nothing/,
      at: /missing/,
    },
    {
      name: 'json on HTML',
      step: `request: GET /page\n          expect: { json: { "$.a": 1 } }`,
      kind: 'assertion',
      message: /not JSON \(text\/html\).*hello/,
      at: /\$\.a/,
    },
    {
      name: 'body_contains',
      step: `request: GET /api/health\n          expect: { body_contains: maintenance }`,
      kind: 'assertion',
      message: /expected the body to contain "maintenance"/,
      at: /maintenance/,
    },
    {
      name: 'header value',
      step: `request: GET /api/health\n          expect: { headers: { content-type: text/html } }`,
      kind: 'assertion',
      message: /content-type to contain "text\/html", got "application\/json"/,
      at: /text\/html/,
    },
    {
      name: 'header missing',
      step: `request: GET /api/health\n          expect: { headers: { x-cache: HIT } }`,
      kind: 'assertion',
      message: /no x-cache header/,
      at: /HIT/,
    },
    {
      name: 'error status with no expect',
      step: `request: GET /api/broken`,
      kind: 'assertion',
      message: /got 500/,
      at: /GET \/api\/broken/,
    },
    {
      name: 'capture',
      step: `request: GET /api/health\n          capture: { token: "$.nope" }`,
      kind: 'capture',
      message: /capture token: \$\.nope matched nothing/,
      at: /token/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const text = apiFile(server.url, `        - ${c.step}\n        - request: GET /api/health\n`);
      const j = await runOne(text);
      assert.equal(j.status, 'failed');
      assert.equal(j.steps[0].status, 'failed');
      assert.equal(j.steps[1].status, 'skipped', 'steps after a failure are skipped');
      const e = j.steps[0].error!;
      assert.equal(e.kind, c.kind);
      assert.match(e.message, c.message);
      assert.equal(e.stepIndex, 0);
      assert.match(textAt(text, e.ref), c.at);
      if (c.expected) assert.equal(e.expected, c.expected);
      if (c.actual) assert.equal(e.actual, c.actual);
      assert.deepEqual(j.error, e, "the journey carries its failing step's error");
    });
  }
});
