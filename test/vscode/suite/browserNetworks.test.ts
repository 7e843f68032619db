/// <reference types="mocha" />
/**
 * Browser journeys in the real VS Code and the networks at work.
 *
 * A page signed by a private CA (made here with openssl) is refused with words that say how to
 * trust that CA from the editor (there is no --cacert there), never loaded with checks off.
 *
 * Browser journeys follow VS Code's proxy settings: with `http.proxy` set to a
 * real forward proxy (Debian's tinyproxy, started here on a port from the OS, its output kept),
 * Chromium fetches the page through it, and tinyproxy's log shows that very request; with the
 * page's host in `http.noProxy` the page is fetched direct and the log does not grow. The page is
 * served on 127.0.0.1: Playwright puts `<-loopback>` in Chromium's bypass list so that loopback is
 * proxied at all, unless `http.noProxy` names a loopback host.
 * `http.proxy` is machine-scoped in a remote (it cannot sit in a workspace's settings), so the test
 * writes it to the user settings and removes it after.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { api, sleep, workspaceUri } from '../helpers';
import { makePrivateCa, startTinyproxy, type PrivateCa, type RunningProxy } from '../../integration/net/netParts';
import { startHttp, startHttps, type TestServer } from '../../integration/journey/servers';

const PAGE = '<!doctype html><title>proxied</title><h1 id="hello">hello through the proxy</h1>';

function journeyFile(base: string): string {
  return `synthetic:
  base_url: ${base}
  alerts:
    - channel: slack:#checks
  journeys:
    - name: page through the proxy
      steps:
        - goto: /proxied-page
        - expect_text: { selector: "#hello", contains: hello through the proxy }
`;
}

/** Waits (bounded) until VS Code's configuration shows the value just written. */
async function settled<T>(section: string, key: string, want: T): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (JSON.stringify(vscode.workspace.getConfiguration(section).get(key)) === JSON.stringify(want)) return;
    await sleep(50);
  }
  assert.deepEqual(vscode.workspace.getConfiguration(section).get(key), want, `${section}.${key} was not applied`);
}

describe('browser journeys through VS Code http.proxy', () => {
  let proxy: RunningProxy;
  let page: TestServer;
  const http = () => vscode.workspace.getConfiguration('http');

  before(async function () {
    this.timeout(60_000);
    proxy = await startTinyproxy();
    page = await startHttp({
      '/proxied-page': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    });
    const { journeys } = await api();
    await journeys.consent.allow([new URL(page.url).host]);
  });
  after(async function () {
    this.timeout(30_000);
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    await page?.close();
    await proxy?.stop();
  });

  it('http.proxy: the browser journey passes and tinyproxy logged the GET of its page', async function () {
    this.timeout(120_000);
    const { journeys } = await api();
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', [], vscode.ConfigurationTarget.Global);
    await settled('http', 'proxy', proxy.url);
    const uri = workspaceUri('browser-proxy.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(journeyFile(page.url)));
    const hostPort = `127.0.0.1:${page.port}`;
    const before = proxy.requestsTo(hostPort).length;
    const served = page.seen.length;

    const result = await journeys.runJourney(uri, 0, 0);
    assert.equal(result?.status, 'passed', JSON.stringify(result));
    assert.ok(page.seen.length > served, 'the page server answered');
    const through = proxy.requestsTo(hostPort).slice(before);
    assert.ok(
      through.some((l) => l.includes(`GET http://${hostPort}/proxied-page`)),
      `tinyproxy's log shows the page's request:\n${proxy.log().slice(-2000)}`,
    );
  });

  it('http.noProxy naming the host: the journey passes and the page does not go through the proxy', async function () {
    this.timeout(120_000);
    const { journeys } = await api();
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
    await settled('http', 'noProxy', ['127.0.0.1']);
    const uri = workspaceUri('browser-proxy.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(journeyFile(page.url)));
    const hostPort = `127.0.0.1:${page.port}`;
    const before = proxy.requestsTo(hostPort).length;
    const served = page.seen.filter((s) => s.url === '/proxied-page').length;

    const result = await journeys.runJourney(uri, 0, 0);
    assert.equal(result?.status, 'passed', JSON.stringify(result));
    assert.equal(
      page.seen.filter((s) => s.url === '/proxied-page').length,
      served + 1,
      'the page server answered the page once, direct',
    );
    assert.deepEqual(
      proxy.requestsTo(hostPort).slice(before),
      [],
      `tinyproxy saw nothing for ${hostPort}:\n${proxy.log().slice(-2000)}`,
    );
  });
});

describe('browser journeys and a private CA in the editor', () => {
  let ca: PrivateCa;
  let page: TestServer;

  before(async function () {
    this.timeout(60_000);
    ca = makePrivateCa();
    page = await startHttps(
      { '/proxied-page': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE) },
      ca.server,
    );
    const { journeys } = await api();
    await journeys.consent.allow([new URL(page.url).host]);
  });
  after(async () => {
    await page?.close();
    ca?.remove();
  });

  it('a page signed by an untrusted CA fails its step, naming the certificate and how to trust the CA', async function () {
    this.timeout(120_000);
    const { journeys } = await api();
    const uri = workspaceUri('browser-private-ca.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(journeyFile(page.url)));
    const result = await journeys.runJourney(uri, 0, 0);
    assert.equal(result?.status, 'failed', JSON.stringify(result));
    const error = result?.journeys[0].steps[0].error?.message ?? '';
    assert.match(error, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(ERR_CERT_AUTHORITY_INVALID\)/);
    assert.match(error, /certutil -d sql:\$HOME\/\.pki\/nssdb -A -t C,, /, 'the editor names the browser trust store');
    assert.match(error, /release-safety run FILE --cacert ca\.pem/);
    assert.ok(!page.seen.some((s) => s.url === '/proxied-page'), 'no page was served over the refused connection');
  });
});
