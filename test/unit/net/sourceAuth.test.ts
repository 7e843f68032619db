import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizationOf, authSecretNames, CredentialError } from '../../../src/core/net/sourceAuth';

const secrets = (name: string) => ({ TOKEN: 't0k/en+=', PASS: 'p:a ss' })[name];
const hint = (name: string) => `export ${name}=...`;

test('bearer and basic become Authorization headers from ${secret:NAME}', async () => {
  assert.equal(
    await authorizationOf({ bearer: '${secret:TOKEN}' }, secrets, hint, 'source.prometheus'),
    'Bearer t0k/en+=',
  );
  assert.equal(
    await authorizationOf({ basic: { user: 'bot', password: '${secret:PASS}' } }, secrets, hint, 'source.prometheus'),
    `Basic ${Buffer.from('bot:p:a ss').toString('base64')}`,
  );
  assert.deepEqual(authSecretNames({ basic: { user: 'bot', password: '${secret:PASS}' } }), ['PASS']);
});

test('a missing secret or a malformed auth block is named, with no secret in the message', async () => {
  await assert.rejects(
    authorizationOf({ bearer: '${secret:NOPE}' }, secrets, hint, 'source.scrape'),
    (e: Error) => e instanceof CredentialError && /the secret NOPE .*is not set: export NOPE=/.test(e.message),
  );
  await assert.rejects(
    authorizationOf({ bearer: '${secret:TOKEN}', basic: { user: 'u', password: 'p' } }, secrets, hint, 'source.scrape'),
    /both bearer and basic/,
  );
  await assert.rejects(
    authorizationOf({ basic: { password: '${secret:PASS}' } }, secrets, hint, 'source.scrape'),
    /needs user/,
  );
  await assert.rejects(
    authorizationOf({}, secrets, hint, 'source.scrape'),
    (e: Error) => /needs bearer/.test(e.message) && !e.message.includes('t0k'),
  );
});
