/**
 * Networks as they are at work, with real parts on loopback: an HTTPS server whose certificate a
 * private CA (made now with openssl) signed, and a real forward proxy (tinyproxy) whose log proves
 * which requests went through it. `release-safety run` and `status` are called as a user would,
 * with the proxy variables in their environment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { startHttp, startHttps, type TestServer } from '../journey/servers';
import { apiFile } from '../journey/helpers';
import { closedPort, exposition } from '../canary/fixtureExporter';
import { makePrivateCa, startTinyproxy, type PrivateCa, type RunningProxy } from './netParts';

async function cli(args: string[], cwd: string, env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CommandIO = { out: (s) => void (out += s), err: (s) => void (err += s), cwd, env, isTTY: false };
  const code = await main(args, io);
  return { code, out, err, all: out + err };
}

const HEALTH_STEPS = `        - request: GET /health
          expect: { status: 200, body_contains: ok }
`;

let ca: PrivateCa;
let proxy: RunningProxy;
let secure: TestServer;
let dir: string;

test.before(async () => {
  ca = makePrivateCa();
  proxy = await startTinyproxy();
  secure = await startHttps(
    { '/health': (_q, r) => void r.writeHead(200, { 'content-type': 'text/plain' }).end('ok') },
    ca.server,
  );
  dir = mkdtempSync(join(tmpdir(), 'rs-net-'));
});
test.after(async () => {
  await secure?.close();
  await proxy?.stop();
  ca?.remove();
  rmSync(dir, { recursive: true, force: true });
});

test('run: a private CA is refused without --cacert, and the message names --cacert and ca:', async () => {
  writeFileSync(join(dir, 'journeys.yaml'), apiFile(secure.url, HEALTH_STEPS));
  const r = await cli(['run', 'journeys.yaml', '--reporter', 'json'], dir, {});
  assert.equal(r.code, 1, r.all);
  const step = JSON.parse(r.out).journeys[0].steps[0];
  assert.equal(step.status, 'failed');
  assert.match(step.error, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
  assert.match(step.error, /--cacert FILE/);
  assert.match(step.error, /ca: FILE/);
});

test('run --cacert through HTTPS_PROXY: the request tunnels through tinyproxy and passes', async () => {
  writeFileSync(join(dir, 'journeys.yaml'), apiFile(secure.url, HEALTH_STEPS));
  const before = proxy.requestsTo(`127.0.0.1:${secure.port}`).length;
  const seen = secure.seen.length;
  const r = await cli(['run', 'journeys.yaml', '--cacert', ca.caFile], dir, { HTTPS_PROXY: proxy.url, NO_PROXY: '' });
  assert.equal(r.code, 0, r.all);
  assert.equal(secure.seen.length, seen + 1, 'the server answered one request');
  const through = proxy.requestsTo(`127.0.0.1:${secure.port}`).slice(before);
  assert.equal(through.length, 1, `tinyproxy's log shows the tunnel:\n${proxy.log().slice(-2000)}`);
  assert.match(through[0], new RegExp(`CONNECT 127\\.0\\.0\\.1:${secure.port}`));
});

test('run: lowercase https_proxy works too; NO_PROXY naming the host goes direct', async () => {
  writeFileSync(join(dir, 'journeys.yaml'), apiFile(secure.url, HEALTH_STEPS));
  let before = proxy.requestsTo(`127.0.0.1:${secure.port}`).length;
  let r = await cli(['run', 'journeys.yaml', '--cacert', ca.caFile], dir, { https_proxy: proxy.url });
  assert.equal(r.code, 0, r.all);
  assert.equal(proxy.requestsTo(`127.0.0.1:${secure.port}`).length, before + 1, 'lowercase https_proxy is honoured');

  before = proxy.requestsTo(`127.0.0.1:${secure.port}`).length;
  const seen = secure.seen.length;
  r = await cli(['run', 'journeys.yaml', '--cacert', ca.caFile], dir, {
    HTTPS_PROXY: proxy.url,
    NO_PROXY: 'localhost,127.0.0.1',
  });
  assert.equal(r.code, 0, r.all);
  assert.equal(secure.seen.length, seen + 1);
  assert.equal(proxy.requestsTo(`127.0.0.1:${secure.port}`).length, before, 'NO_PROXY: nothing went through the proxy');
});

test('run: HTTP_PROXY carries plain http journeys', async () => {
  const plain = await startHttp({ '/health': (_q, r) => void r.writeHead(200).end('ok') });
  try {
    writeFileSync(join(dir, 'plain.yaml'), apiFile(plain.url, HEALTH_STEPS));
    const before = proxy.requestsTo(`127.0.0.1:${plain.port}`).length;
    const r = await cli(['run', 'plain.yaml'], dir, { HTTP_PROXY: proxy.url });
    assert.equal(r.code, 0, r.all);
    assert.equal(proxy.requestsTo(`127.0.0.1:${plain.port}`).length, before + 1, proxy.log().slice(-2000));
  } finally {
    await plain.close();
  }
});

test('run: a proxy that is down fails the step in words, and --cacert with a bad file is a usage error', async () => {
  writeFileSync(join(dir, 'journeys.yaml'), apiFile(secure.url, HEALTH_STEPS));
  const down = await cli(['run', 'journeys.yaml', '--cacert', ca.caFile, '--reporter', 'json'], dir, {
    HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}`,
  });
  assert.equal(down.code, 1, down.all);
  assert.match(
    JSON.parse(down.out).journeys[0].steps[0].error,
    /could not reach the proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\): connection refused/,
  );
  const missing = await cli(['run', 'journeys.yaml', '--cacert', 'nowhere.pem'], dir, {});
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--cacert: cannot read the CA file nowhere\.pem: no such file/);
  writeFileSync(join(dir, 'not-a-cert.pem'), 'hello\n');
  const garbage = await cli(['run', 'journeys.yaml', '--cacert', 'not-a-cert.pem'], dir, {});
  assert.equal(garbage.code, 2);
  assert.match(garbage.err, /holds no PEM certificate/);
});

test('status --once: a scrape source over https with ca: (relative to the file) and bearer auth, through the proxy', async () => {
  const TOKEN = 'tok-3xpo$it/n+=';
  let count = 0;
  const routes = {
    '/metrics': (
      q: { headers: Record<string, string | string[] | undefined> },
      r: import('node:http').ServerResponse,
    ) => {
      if (q.headers.authorization !== `Bearer ${TOKEN}`)
        return void r.writeHead(401, { 'www-authenticate': 'Bearer' }).end('no');
      count += 100;
      r.writeHead(200, { 'content-type': 'text/plain' }).end(
        exposition({ '200': 1000 + count }, [['+Inf', 1000 + count]]),
      );
    },
  };
  const canary = await startHttps(routes, ca.server);
  const baseline = await startHttps(routes, ca.server);
  try {
    mkdirSync(join(dir, 'deploy', 'certs'), { recursive: true });
    writeFileSync(join(dir, 'deploy', 'certs', 'company-ca.pem'), ca.caPem);
    const canaryFile = (auth: string) => `canary:
  service: checkout
  steps: [5, 25, 100]
  interval: 1m
  on_failure: rollback
  metrics:
    - name: error-rate
      threshold: "<= 1%"
  source:
    scrape:
      canary: ${canary.url}/metrics
      baseline: ${baseline.url}/metrics
      ca: certs/company-ca.pem
${auth}`;
    writeFileSync(join(dir, 'deploy', 'canary.yaml'), canaryFile('      auth: { bearer: "${secret:SCRAPE_TOKEN}" }\n'));
    const before = proxy.requestsTo(`127.0.0.1:${canary.port}`).length;
    const ok = await cli(['status', 'deploy/canary.yaml', '--once', '--window', '1s', '--format', 'json'], dir, {
      HTTPS_PROXY: proxy.url,
      SCRAPE_TOKEN: TOKEN,
    });
    assert.equal(ok.code, 0, ok.all);
    assert.equal(JSON.parse(ok.out).verdict, 'healthy');
    assert.ok(proxy.requestsTo(`127.0.0.1:${canary.port}`).length > before, 'the scrapes went through tinyproxy');
    assert.ok(!ok.all.includes(TOKEN));

    const wrong = await cli(['status', 'deploy/canary.yaml', '--once', '--window', '1s'], dir, {
      SCRAPE_TOKEN: 'wrong-token-value',
    });
    assert.equal(wrong.code, 3, wrong.all);
    assert.match(wrong.all, /refused the credentials \(HTTP 401/);
    assert.doesNotMatch(wrong.all, /healthy/i);
    assert.ok(!wrong.all.includes('wrong-token-value'));

    const unset = await cli(['status', 'deploy/canary.yaml', '--once', '--window', '1s'], dir, {});
    assert.equal(unset.code, 3, unset.all);
    assert.match(unset.all, /the secret SCRAPE_TOKEN .*is not set: export SCRAPE_TOKEN=/);

    writeFileSync(join(dir, 'deploy', 'canary.yaml'), canaryFile(''));
    const none = await cli(['status', 'deploy/canary.yaml', '--once', '--window', '1s'], dir, {});
    assert.equal(none.code, 3, none.all);
    assert.match(none.all, /it needs credentials.*add auth: \{bearer/);

    writeFileSync(
      join(dir, 'deploy', 'canary.yaml'),
      canaryFile('').replace('ca: certs/company-ca.pem', 'ca: certs/missing.pem'),
    );
    const noCa = await cli(['status', 'deploy/canary.yaml', '--once'], dir, {});
    assert.equal(noCa.code, 2, noCa.all);
    assert.match(noCa.err, /source\.scrape\.ca \(certs\/missing\.pem\): no such file/);

    writeFileSync(join(dir, 'deploy', 'canary.yaml'), canaryFile('').replace('      ca: certs/company-ca.pem\n', ''));
    const untrusted = await cli(['status', 'deploy/canary.yaml', '--once', '--window', '1s'], dir, {});
    assert.equal(untrusted.code, 3, untrusted.all);
    assert.match(untrusted.all, /is not trusted.*--cacert FILE.*ca: FILE/);
  } finally {
    await canary.close();
    await baseline.close();
  }
});

test(
  'run: a browser journey goes through the same proxy (Chromium, Playwright proxy option), and NO_PROXY sends it direct',
  { timeout: 90_000 },
  async () => {
    const page = await startHttp({
      '/': (_q, r) =>
        void r
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>t</title><h1 id="hello">hello</h1>'),
    });
    try {
      writeFileSync(
        join(dir, 'browser.yaml'),
        apiFile(
          page.url,
          `        - goto: /
        - expect_visible: "#hello"
`,
        ),
      );
      const before = proxy.requestsTo(`127.0.0.1:${page.port}`).length;
      const r = await cli(['run', 'browser.yaml'], dir, {
        HTTP_PROXY: proxy.url,
        RELEASE_SAFETY_BROWSER_PATH: '/usr/bin/chromium',
      });
      assert.equal(r.code, 0, r.all);
      assert.ok(
        proxy.requestsTo(`127.0.0.1:${page.port}`).length > before,
        `the page came through tinyproxy:\n${proxy.log().slice(-2000)}`,
      );
      // NO_PROXY naming the loopback host: Chromium goes direct (Playwright then leaves out <-loopback>).
      const proxied = proxy.requestsTo(`127.0.0.1:${page.port}`).length;
      const served = page.seen.length;
      const direct = await cli(['run', 'browser.yaml'], dir, {
        HTTP_PROXY: proxy.url,
        NO_PROXY: '127.0.0.1',
        RELEASE_SAFETY_BROWSER_PATH: '/usr/bin/chromium',
      });
      assert.equal(direct.code, 0, direct.all);
      assert.ok(page.seen.length > served, 'the page server answered');
      assert.equal(
        proxy.requestsTo(`127.0.0.1:${page.port}`).length,
        proxied,
        `NO_PROXY=127.0.0.1 kept the page away from tinyproxy:\n${proxy.log().slice(-2000)}`,
      );
    } finally {
      await page.close();
    }
  },
);

test(
  'monitor --cacert through HTTPS_PROXY: each run tunnels through tinyproxy, and Ctrl+C stops it cleanly',
  { timeout: 60_000 },
  async () => {
    writeFileSync(join(dir, 'journeys.yaml'), apiFile(secure.url, HEALTH_STEPS));
    const before = proxy.requestsTo(`127.0.0.1:${secure.port}`).length;
    const stop = new AbortController();
    let out = '';
    const io: CommandIO = {
      out: (s) => void (out += s),
      err: (s) => void (out += s),
      cwd: dir,
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: '' },
      isTTY: false,
      signal: stop.signal,
    };
    const running = main(
      ['monitor', 'journeys.yaml', '--every', '1s', '--listen', '127.0.0.1:0', '--cacert', ca.caFile],
      io,
    );
    try {
      const end = Date.now() + 30_000;
      while (!/passed "api journey"/.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop.abort();
    }
    assert.equal(await running, 0, out);
    assert.match(out, /passed "api journey"/);
    assert.ok(
      proxy.requestsTo(`127.0.0.1:${secure.port}`).length > before,
      `tinyproxy's log shows the monitor's tunnel:\n${proxy.log().slice(-1500)}`,
    );
  },
);
