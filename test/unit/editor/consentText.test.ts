/** The consent modal's words: loopback is this machine (never "may be production"), and both choices say what they do. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALWAYS, consentPrompt, hostLabel, isLocalHost, RUN_ONCE } from '../../../src/extension/journeys/consentText';

test('loopback hosts are this machine, whatever their spelling', () => {
  for (const h of ['127.0.0.1:8787', '127.1.2.3', 'localhost:3000', 'app.localhost', '[::1]:8080'])
    assert.ok(isLocalHost(h), h);
  for (const h of ['shop.example.com', '10.0.0.1:80', '128.0.0.1', '[2001:db8::1]:443']) assert.ok(!isLocalHost(h), h);
  assert.equal(hostLabel('127.0.0.1:8787'), '127.0.0.1:8787 (this machine)');
  assert.equal(hostLabel('shop.example.com'), 'shop.example.com');
});

test('a local run is named local, not production', () => {
  const { message, detail } = consentPrompt(['buyer'], ['127.0.0.1:8787'], 3);
  assert.equal(message, 'Run "buyer" against 127.0.0.1:8787 (this machine)?');
  assert.match(detail, /^This sends about 3 requests to a service on this machine \(local\)\./);
  assert.doesNotMatch(detail, /production/);
});

test('a remote host may be production; both choices say what they do and where to revoke', () => {
  const { message, detail } = consentPrompt(['a', 'b'], ['shop.example.com', '127.0.0.1:9'], 1);
  assert.equal(message, 'Run 2 journeys against shop.example.com, 127.0.0.1:9 (this machine)?');
  assert.match(
    detail,
    /about 1 request to shop\.example\.com, which may be production, and to 127\.0\.0\.1:9 on this machine\./,
  );
  assert.ok(detail.includes(`"${RUN_ONCE}" runs now and asks again next time`));
  assert.ok(detail.includes(`"${ALWAYS}" remembers these hosts for this workspace`));
  assert.match(detail, /Manage Journey Hosts/);
});
