/**
 * A failing dependency in the middle of a journey: step 1 (of 0..2) meets the fault, so the
 * report must name step 1, keep step 0 passed and skip step 2, in plain words (no TypeError, no
 * "fetch failed", no stack). Faults: refused connection, a server that accepts and never answers,
 * a 1 byte/second drip, a reset mid-body, a 100 MB body, a redirect loop, plain HTTP where TLS was
 * expected, and a latency limit broken by a server slow by seconds (not milliseconds: robust on a
 * loaded machine, yet able to fail). DNS failure is checked on the error mapping only: this
 * machine's resolver is an outside address, and no test may send a query there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { run } from '../../../src/core/journey/runner';
import { describeNetworkError } from '../../../src/core/journey/networkError';
import { journeysOf } from '../journey/helpers';
import { json, refusedPort, startHttp, type TestServer } from '../journey/servers';

const PLAIN = /TypeError|fetch failed|\n\s+at |undefined|\[object Object\]/;

function threeSteps(base: string, faultUrl: string, extra = ''): string {
  return `synthetic:
  base_url: ${base}
  alerts: [{ channel: "slack:#checks" }]
  journeys:
    - name: faulty middle step
      steps:
        - request: GET ${base}/ok
        - request: GET ${faultUrl}
${extra}        - request: GET ${base}/ok
`;
}

async function middleFails(base: string, faultUrl: string, extra = '') {
  const j = (await run(journeysOf(threeSteps(base, faultUrl, extra)))).journeys[0];
  assert.equal(j.status, 'failed', JSON.stringify(j));
  assert.equal(j.error?.stepIndex, 1, `the failed step is the second: ${JSON.stringify(j.error)}`);
  assert.deepEqual(
    j.steps.map((s) => s.status),
    ['passed', 'failed', 'skipped'],
  );
  assert.ok(!PLAIN.test(j.error!.message), `not plain words: ${j.error!.message}`);
  return j.error!;
}

test('a fault in the middle of a journey names that step, in plain words', { timeout: 180_000 }, async (t) => {
  const timers = new Set<NodeJS.Timeout>();
  let hugeWritten = 0;
  const server: TestServer = await startHttp({
    '/ok': (_q, res) => json(res, 200, { ok: true }),
    '/drip': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const iv = setInterval(() => res.write('.'), 1000);
      timers.add(iv);
      res.on('close', () => clearInterval(iv));
    },
    '/reset': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"half":');
      timers.add(setTimeout(() => req.socket.destroy(), 50));
    },
    '/hundred-mb': (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(256 * 1024, 'z');
      const pump = () => {
        while (hugeWritten < 100 * 1024 * 1024) {
          hugeWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    },
    '/loop-a': (_q, res) => void res.writeHead(307, { location: '/loop-b' }).end(),
    '/loop-b': (_q, res) => void res.writeHead(307, { location: '/loop-a' }).end(),
    '/slow-seconds': (_q, res) => void timers.add(setTimeout(() => json(res, 200, { ok: true }), 2500)),
  });
  // Accepts the connection, reads the request, never writes a byte.
  const sockets = new Set<Socket>();
  const silent: TcpServer = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  t.after(async () => {
    for (const x of timers) clearTimeout(x);
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
    await server.close();
  });
  const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const base = server.url;

  const refused = await middleFails(base, `http://127.0.0.1:${await refusedPort()}/x`);
  assert.equal(refused.kind, 'network');
  assert.match(refused.message, /connection refused .*nothing is listening/);

  const never = await middleFails(base, `${silentUrl}/x`, '          timeout: 1s\n');
  assert.equal(never.kind, 'timeout');
  assert.match(never.message, /timed out after 1s waiting for the response headers/);

  const drip = await middleFails(base, `${base}/drip`, '          timeout: 2500ms\n');
  assert.equal(drip.kind, 'timeout');
  assert.match(drip.message, /waiting for the rest of the body \(\d+ bytes had arrived\)/);

  const reset = await middleFails(base, `${base}/reset`);
  assert.equal(reset.kind, 'network');
  assert.match(reset.message, /closed while the body was arriving/);

  const huge = await middleFails(base, `${base}/hundred-mb`);
  assert.equal(huge.kind, 'too-large');
  assert.match(huge.message, /larger than 10 MB/);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(hugeWritten < 100 * 1024 * 1024, `the 100 MB body was read to the end (${hugeWritten} bytes written)`);

  const loop = await middleFails(base, `${base}/loop-a`);
  assert.equal(loop.kind, 'redirect');
  assert.match(loop.message, /redirect loop: \/loop-a -> \/loop-b -> \/loop-a/);

  const tls = await middleFails(base, `${base.replace('http:', 'https:')}/ok`);
  assert.equal(tls.kind, 'tls');
  assert.match(tls.message, /is that port serving HTTPS/);

  // Seconds, not milliseconds, between the limit and the answer: a loaded machine cannot flip it.
  const slow = await middleFails(base, `${base}/slow-seconds`, '          expect: { latency: "< 1s" }\n');
  assert.equal(slow.kind, 'assertion');
  assert.match(slow.message, /expected latency < 1s, took \d+ms/);
  const roomy = (await run(journeysOf(threeSteps(base, `${base}/ok`, '          expect: { latency: "< 30s" }\n'))))
    .journeys[0];
  assert.equal(roomy.status, 'passed', JSON.stringify(roomy.error));
});

test('DNS failure: every shape in which fetch reports an unknown host becomes one sentence', () => {
  const url = new URL('http://does-not-exist.invalid/health');
  const enotfound = Object.assign(new Error('getaddrinfo ENOTFOUND does-not-exist.invalid'), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: 'does-not-exist.invalid',
  });
  const shapes = [
    new TypeError('fetch failed', { cause: enotfound }),
    new TypeError('fetch failed', { cause: { cause: enotfound } }),
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo EAI_AGAIN does-not-exist.invalid'), { code: 'EAI_AGAIN' }),
    }),
    new TypeError('fetch failed', { cause: Object.assign(new AggregateError([enotfound]), { code: undefined }) }),
  ];
  for (const e of shapes) {
    const f = describeNetworkError(e, url, 'connecting');
    assert.equal(f.kind, 'network');
    assert.equal(f.message, 'the host does-not-exist.invalid was not found (DNS): check the URL or base_url');
  }
});
