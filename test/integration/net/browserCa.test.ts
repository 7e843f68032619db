/**
 * Browser journeys behind a private CA, run as a user would (`release-safety run`, Debian's
 * chromium): the page's certificate is signed by a CA made now with openssl, which neither the
 * system nor Chromium trusts. Without --cacert the step fails naming the certificate and
 * --cacert; with it the browser trusts that CA (a throwaway NSS database, certutil) and passes,
 * with certificate checks still on. The throwaway HOME is gone after the run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { startHttps, type TestServer } from '../journey/servers';
import { apiFile } from '../journey/helpers';
import { makePrivateCa, type PrivateCa } from './netParts';

const CHROMIUM = '/usr/bin/chromium';

async function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const env = { RELEASE_SAFETY_BROWSER_PATH: CHROMIUM };
  const io: CommandIO = { out: (s) => void (out += s), err: (s) => void (err += s), cwd, env, isTTY: false };
  const code = await main(args, io);
  return { code, out, err, all: out + err };
}

const PAGE_STEPS = `        - goto: /
        - expect_text: { selector: "#hello", contains: private hello }
`;

let ca: PrivateCa;
let page: TestServer;
let dir: string;
/** The CLI runs in this process: its temporary folders (the browser's HOME among them) go here. */
let tmp: string;
const realTmp = process.env.TMPDIR;

test.before(async () => {
  ca = makePrivateCa();
  page = await startHttps(
    {
      '/': (_q, r) =>
        void r
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>private</title><h1 id="hello">private hello</h1>'),
    },
    ca.server,
  );
  dir = mkdtempSync(join(tmpdir(), 'rs-browser-ca-'));
  tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;
  writeFileSync(join(dir, 'page.yaml'), apiFile(page.url, PAGE_STEPS));
});
test.after(async () => {
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
  await page?.close();
  ca?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const browserHomes = () => readdirSync(tmp).filter((n) => n.startsWith('rs-browser-home-'));

test(
  'run: a browser journey to a page signed by a private CA fails without --cacert and names it',
  { timeout: 90_000 },
  async () => {
    const r = await cli(['run', 'page.yaml', '--reporter', 'json'], dir);
    assert.equal(r.code, 1, r.all);
    const step = JSON.parse(r.out).journeys[0].steps[0];
    assert.equal(step.status, 'failed');
    assert.match(step.error, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(ERR_CERT_AUTHORITY_INVALID\)/);
    assert.match(step.error, /--cacert FILE/);
    assert.equal(browserHomes().length, 0, 'no throwaway HOME without --cacert');
  },
);

test(
  'run --cacert: the browser trusts the private CA, the page loads, and its throwaway HOME is removed',
  { timeout: 90_000 },
  async () => {
    const seen = page.seen.length;
    const r = await cli(['run', 'page.yaml', '--cacert', ca.caFile, '--reporter', 'json'], dir);
    assert.equal(r.code, 0, r.all);
    const journey = JSON.parse(r.out).journeys[0];
    assert.equal(journey.status, 'passed', r.out);
    assert.ok(
      page.seen.slice(seen).some((s) => s.method === 'GET' && s.url === '/'),
      'the page was served to the browser',
    );
    assert.deepEqual(browserHomes(), [], 'the NSS database made for the run is deleted after it');
  },
);

test(
  'run --cacert with a CA that did not sign the page: still refused, the message says so',
  { timeout: 90_000 },
  async () => {
    const other = makePrivateCa();
    try {
      const r = await cli(['run', 'page.yaml', '--cacert', other.caFile, '--reporter', 'json'], dir);
      assert.equal(r.code, 1, r.all);
      const step = JSON.parse(r.out).journeys[0].steps[0];
      assert.match(step.error, /ERR_CERT_AUTHORITY_INVALID/);
      assert.match(step.error, /--cacert was given, but none of its authorities signed this certificate/);
    } finally {
      other.remove();
    }
  },
);

test(
  'run --cacert without certutil: the browser step fails naming libnss3-tools, never runs unchecked',
  { timeout: 90_000 },
  async () => {
    const path = process.env.PATH;
    const empty = mkdtempSync(join(dir, 'nobin-'));
    process.env.PATH = empty; // chromium is given by its full path; certutil is looked up on PATH
    const seen = page.seen.length;
    try {
      const r = await cli(['run', 'page.yaml', '--cacert', ca.caFile, '--reporter', 'json'], dir);
      assert.equal(r.code, 1, r.all);
      const step = JSON.parse(r.out).journeys[0].steps[0];
      assert.equal(step.status, 'failed');
      assert.match(step.error, /certutil, which is not installed: install the package libnss3-tools/);
      assert.equal(page.seen.length, seen, 'the page was not visited');
    } finally {
      process.env.PATH = path;
    }
    assert.deepEqual(browserHomes(), []);
  },
);
