/**
 * The hostile side of HTTP against real local servers: redirects and loops, timeouts, refused
 * connections, a self-signed certificate, huge and slow bodies, a reset mid-body, cancellation,
 * unknown variables (nothing sent), retries of idempotent steps only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerResponse } from 'node:http';
import { run } from '../../../src/core/journey/runner';
import { apiFile, journeysOf, textAt } from './helpers';
import { json, refusedPort, selfSignedCert, startHttp, startHttps, type TestServer } from './servers';

let server: TestServer;
let other: TestServer;
/** Bytes the endless/huge routes managed to write before the client stopped reading. */
const written: Record<string, number> = {};
const timers = new Set<NodeJS.Timeout>();

function pump(name: string, res: ServerResponse, total: number, chunk = 64 * 1024): void {
  written[name] = 0;
  const buf = Buffer.alloc(chunk, 'a');
  const write = () => {
    while (written[name] < total) {
      written[name] += buf.length;
      if (!res.write(buf)) return void res.once('drain', write);
    }
    res.end();
  };
  res.on('close', () => res.removeAllListeners('drain'));
  write();
}

before(async () => {
  let flaky = 0;
  let postFlaky = 0;
  other = await startHttp({
    '/landing': (req, res) =>
      json(res, 200, { auth: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null }),
  });
  server = await startHttp({
    '/a': (_q, res) => void res.writeHead(302, { location: '/b' }).end(),
    '/b': (_q, res) => void res.writeHead(301, { location: '/ok' }).end(),
    '/ok': (_q, res) => json(res, 200, { ok: true }),
    '/loop1': (_q, res) => void res.writeHead(302, { location: '/loop2' }).end(),
    '/loop2': (_q, res) => void res.writeHead(302, { location: '/loop1' }).end(),
    '/away': (_q, res) => void res.writeHead(302, { location: `${other.url}/landing` }).end(),
    '/ftp': (_q, res) => void res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end(),
    '/slow-headers': (_q, res) => void timers.add(setTimeout(() => json(res, 200, {}), 3000)),
    '/huge-declared': (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(50 * 1024 * 1024) });
      pump('declared', res, 50 * 1024 * 1024);
    },
    '/huge-chunked': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      pump('chunked', res, 200 * 1024 * 1024);
    },
    '/drip': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('.'), 50);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    },
    '/reset': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"partial": "');
      timers.add(setTimeout(() => req.socket.destroy(), 20));
    },
    '/flaky': (_q, res) => (++flaky <= 2 ? json(res, 503, { try: flaky }) : json(res, 200, { try: flaky })),
    'POST /post-flaky': (_q, res) => json(res, ++postFlaky <= 1 ? 503 : 201, {}),
    '/count': (_q, res) => json(res, 200, {}),
  });
});
after(async () => {
  for (const t of timers) clearTimeout(t);
  await server.close();
  await other.close();
});

async function runText(text: string, options: Parameters<typeof run>[1] = {}) {
  return (await run(journeysOf(text), options)).journeys[0];
}

describe('redirects', () => {
  it('follows a chain and counts it', async () => {
    const j = await runText(
      apiFile(server.url, `        - request: GET /a\n          expect: { status: 200, json: { "$.ok": true } }\n`),
    );
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
    assert.equal(j.steps[0].redirects, 2);
  });

  it('stops at a loop and names it', async () => {
    const text = apiFile(server.url, `        - request: GET /loop1\n          expect: { status: 200 }\n`);
    const j = await runText(text);
    assert.equal(j.error?.kind, 'redirect');
    assert.match(j.error!.message, /redirect loop: \/loop1 -> \/loop2 -> \/loop1/);
    assert.equal(textAt(text, j.error!.ref), 'GET /loop1');
  });

  it('stops after the redirect limit', async () => {
    const j = await runText(apiFile(server.url, `        - request: GET /a\n`), { maxRedirects: 1 });
    assert.equal(j.error?.kind, 'redirect');
    assert.match(j.error!.message, /more than 1 redirects/);
  });

  it('does not follow when the step expects the 3xx', async () => {
    const j = await runText(
      apiFile(server.url, `        - request: GET /a\n          expect: { status: 302, headers: { location: /b } }\n`),
    );
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
    assert.equal(j.steps[0].httpStatus, 302);
  });

  it('never forwards credentials to another origin', async () => {
    const text = apiFile(
      server.url,
      `        - request: GET /away
          headers: { Authorization: "Bearer \${secret:TOKEN}", Cookie: "s=\${secret:TOKEN}" }
          expect: { json: { "$.auth": null, "$.cookie": null } }
`,
    );
    const j = await runText(text, { secrets: () => 'tok-123' });
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
  });

  it('refuses a redirect to a non-HTTP URL', async () => {
    const j = await runText(apiFile(server.url, `        - request: GET /ftp\n`));
    assert.equal(j.error?.kind, 'redirect');
    assert.match(j.error!.message, /ftp: URL/);
  });
});

describe('slow, dead and hostile endpoints', () => {
  it('times out a step by its own timeout', async () => {
    const text = apiFile(server.url, `        - request: GET /slow-headers\n          timeout: 300ms\n`);
    const j = await runText(text);
    assert.equal(j.error?.kind, 'timeout');
    assert.match(j.error!.message, /timed out after 300ms waiting for the response headers/);
  });

  it('stops the journey at its limit', async () => {
    const text = apiFile(
      server.url,
      `        - request: GET /slow-headers\n        - request: GET /ok\n`,
      '      timeout: 400ms\n',
    );
    const t0 = Date.now();
    const j = await runText(text);
    assert.ok(Date.now() - t0 < 2500, 'the 3 s answer was not waited for');
    assert.equal(j.error?.kind, 'timeout');
    assert.match(j.error!.message, /journey ran out of time: its limit is 400ms/);
    assert.equal(j.steps[1].status, 'skipped');
  });

  it('reports a refused connection', async () => {
    const port = await refusedPort();
    const j = await runText(apiFile(`http://127.0.0.1:${port}`, `        - request: GET /health\n`));
    assert.equal(j.error?.kind, 'network');
    assert.match(j.error!.message, new RegExp(`connection refused by 127\\.0\\.0\\.1:${port}: nothing is listening`));
  });

  it('explains an untrusted self-signed certificate', async (t) => {
    const tls = selfSignedCert();
    if (!tls) return t.skip('openssl is not installed');
    const secure = await startHttps({ '/health': (_q, res) => json(res, 200, { ok: true }) }, tls);
    try {
      const j = await runText(apiFile(secure.url, `        - request: GET /health\n`));
      assert.equal(j.error?.kind, 'tls');
      assert.match(
        j.error!.message,
        /TLS certificate of 127\.0\.0\.1:\d+ is not trusted: it is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\).*NODE_EXTRA_CA_CERTS/,
      );
    } finally {
      await secure.close();
    }
  });

  it('explains HTTPS spoken to a plain HTTP port', async () => {
    const j = await runText(apiFile(server.url.replace('http:', 'https:'), `        - request: GET /ok\n`));
    assert.equal(j.error?.kind, 'tls');
    assert.match(j.error!.message, /is that port serving HTTPS/);
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    const j = await runText(apiFile(server.url, `        - request: GET /huge-declared\n`));
    assert.equal(j.error?.kind, 'too-large');
    assert.match(j.error!.message, /larger than 10 MB \(Content-Length 50 MB\)/);
  });

  it('stops reading a chunked body at the cap', async () => {
    const j = await runText(apiFile(server.url, `        - request: GET /huge-chunked\n`), {
      maxResponseBytes: 2 * 1024 * 1024,
    });
    assert.equal(j.error?.kind, 'too-large');
    assert.match(j.error!.message, /larger than 2 MB/);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(written.chunked < 100 * 1024 * 1024, `the server was stopped early (wrote ${written.chunked} bytes)`);
  });

  it('times out a slow drip while the body arrives', async () => {
    const j = await runText(apiFile(server.url, `        - request: GET /drip\n          timeout: 400ms\n`));
    assert.equal(j.error?.kind, 'timeout');
    assert.match(j.error!.message, /waiting for the rest of the body \(\d+ bytes had arrived\)/);
    assert.ok(j.steps[0].timings!.ttfbMs! < 400, 'headers came before the timeout');
  });

  it('reports a connection reset in the middle of the body', async () => {
    const j = await runText(apiFile(server.url, `        - request: GET /reset\n`));
    assert.equal(j.error?.kind, 'network');
    assert.match(j.error!.message, /closed while the body was arriving/);
  });
});

describe('retries, variables and cancellation', () => {
  it("retries an idempotent step up to the journey's retries", async () => {
    const j = await runText(
      apiFile(server.url, `        - request: GET /flaky\n          expect: { status: 200 }\n`, '      retries: 2\n'),
      { retryDelayMs: 10 },
    );
    assert.equal(j.status, 'passed', JSON.stringify(j.error));
    assert.equal(j.steps[0].attempts, 3);
  });

  it('never retries a POST', async () => {
    const before = server.seen.filter((s) => s.url === '/post-flaky').length;
    const j = await runText(
      apiFile(
        server.url,
        `        - request: POST /post-flaky\n          side_effects: sandbox\n          expect: { status: 201 }\n`,
        '      retries: 3\n',
      ),
      { retryDelayMs: 10 },
    );
    assert.equal(j.status, 'failed');
    assert.equal(server.seen.filter((s) => s.url === '/post-flaky').length - before, 1);
  });

  it('sends nothing when a variable is unknown, and points at it', async () => {
    const before = server.seen.length;
    const text = apiFile(
      server.url,
      `        - request: GET /count
        - request: GET /count
          headers: { X-Trace: "\${env:NOT_SET_ANYWHERE}" }
        - request: GET /count/\${never_captured}
`,
    );
    const j = await runText(text, { env: () => undefined });
    assert.equal(server.seen.length, before, 'no request was sent');
    assert.equal(j.status, 'failed');
    assert.equal(j.error?.kind, 'config');
    assert.match(
      j.error!.message,
      /environment variable NOT_SET_ANYWHERE is not set.*\(and 1 more variable problem\); nothing was sent/,
    );
    assert.equal(j.error?.stepIndex, 1);
    assert.equal(textAt(text, j.error!.ref), '"${env:NOT_SET_ANYWHERE}"');
    assert.deepEqual(
      j.steps.map((s) => s.status),
      ['skipped', 'skipped', 'skipped'],
    );
  });

  it('says where to set a missing secret', async () => {
    const j = await runText(
      apiFile(
        server.url,
        `        - request: GET /count\n          headers: { Authorization: "Bearer \${secret:API_TOKEN}" }\n`,
      ),
      { secretHint: (name) => `export ${name}=... before running` },
    );
    assert.match(
      j.error!.message,
      /the secret API_TOKEN is not set \(\$\{secret:API_TOKEN\}\): export API_TOKEN=\.\.\. before running; nothing was sent/,
    );
  });

  it('stops promptly when cancelled, and reports the rest as skipped', async () => {
    const ac = new AbortController();
    const text = apiFile(
      server.url,
      `        - request: GET /ok\n        - request: GET /slow-headers\n        - request: GET /ok\n`,
    );
    const t0 = Date.now();
    const pending = run([...journeysOf(text), ...journeysOf(text)], { signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    const result = await pending;
    assert.ok(Date.now() - t0 < 2500, 'did not wait for the 3 s answer');
    assert.equal(result.cancelled, true);
    const [first, second] = result.journeys;
    assert.deepEqual(
      first.steps.map((s) => s.status),
      ['passed', 'skipped', 'skipped'],
    );
    assert.equal(first.steps[1].error?.kind, 'cancelled');
    assert.equal(first.status, 'skipped');
    assert.equal(second.status, 'skipped');
    assert.equal(second.error?.kind, 'cancelled');
    assert.equal(result.status, 'skipped');
  });

  it('runs journeys at once only when a concurrency is given', async () => {
    const text = apiFile(server.url, `        - request: GET /slow-headers\n          timeout: 300ms\n`);
    const four = [...journeysOf(text), ...journeysOf(text), ...journeysOf(text), ...journeysOf(text)];
    let active = 0;
    let peak = 0;
    const listener = {
      journeyStarted: () => void (peak = Math.max(peak, ++active)),
      journeyFinished: () => void active--,
    };
    await run(four, {}, listener);
    assert.equal(peak, 1);
    peak = 0;
    await run(four, { concurrency: 4 }, listener);
    assert.equal(peak, 4);
  });
});
