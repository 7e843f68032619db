import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  BROWSER_TRUST_HINT,
  certificateRefused,
  prepareBrowserTrust,
  trustHint,
} from '../../../src/core/journey/browserTrust';

const AUTHORITY = 'page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://shop.corp.example:8443/login';

test('an unknown issuer names the host, the code and how to trust the CA', () => {
  assert.equal(
    certificateRefused(AUTHORITY, BROWSER_TRUST_HINT),
    'the TLS certificate of shop.corp.example:8443 is not trusted (ERR_CERT_AUTHORITY_INVALID): its issuer is unknown to the browser (a private CA, or an incomplete chain). If it comes from a private CA, trust that CA with --cacert FILE (PEM) on the command line',
  );
});

test('an expired certificate or a wrong name gets no CA hint: another CA would not help', () => {
  const expired = certificateRefused('net::ERR_CERT_DATE_INVALID at https://a.example/', BROWSER_TRUST_HINT);
  assert.match(expired!, /a\.example is not trusted \(ERR_CERT_DATE_INVALID\): it has expired/);
  assert.doesNotMatch(expired!, /--cacert/);
  const name = certificateRefused('net::ERR_CERT_COMMON_NAME_INVALID at https://b.example/x', BROWSER_TRUST_HINT);
  assert.match(name!, /issued for another host name$/);
});

test('other errors are not certificate errors', () => {
  assert.equal(certificateRefused('net::ERR_CONNECTION_REFUSED at https://a.example/', 'x'), undefined);
});

test('the hint follows the caller and the platform', () => {
  assert.equal(trustHint({}, 'linux'), BROWSER_TRUST_HINT);
  assert.equal(trustHint({ untrustedHint: 'editor words' }, 'linux'), 'editor words');
  assert.match(trustHint({ ca: ['pem'] }, 'linux'), /--cacert was given, but none of its authorities signed/);
  assert.match(trustHint({ ca: ['pem'] }, 'darwin'), /system's certificate store/);
  assert.match(trustHint({}, 'win32'), /system's certificate store/);
});

test('without certutil the trust cannot be made: the message names libnss3-tools and nothing is left behind', async () => {
  const own = mkdtempSync(join(tmpdir(), 'rs-trust-unit-'));
  const real = process.env.TMPDIR;
  process.env.TMPDIR = own; // the throwaway HOME is made under os.tmpdir(), which reads TMPDIR
  try {
    await assert.rejects(
      prepareBrowserTrust(
        ['-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'],
        new AbortController().signal,
        '/nonexistent/certutil',
      ),
      /certutil, which is not installed: install the package libnss3-tools/,
    );
    assert.deepEqual(readdirSync(own), []);
  } finally {
    if (real === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = real;
    rmSync(own, { recursive: true, force: true });
  }
});
