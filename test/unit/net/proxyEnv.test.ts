import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserProxyOf, proxyDisplay, proxyEnvOf } from '../../../src/core/net/proxyEnv';

test('proxy variables: lower case wins over upper case, absent ones are empty', () => {
  assert.deepEqual(
    proxyEnvOf({ HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', NO_PROXY: 'a.internal' }),
    {
      httpProxy: '',
      httpsProxy: 'http://lower:3128',
      noProxy: 'a.internal',
    },
  );
  assert.deepEqual(proxyEnvOf({}), { httpProxy: '', httpsProxy: '', noProxy: '' });
});

test('browser proxy: one server, NO_PROXY as the bypass list, credentials in their own fields', () => {
  assert.equal(browserProxyOf({ httpProxy: '', httpsProxy: '', noProxy: 'x' }), undefined);
  assert.deepEqual(
    browserProxyOf({
      httpProxy: 'http://h:1',
      httpsProxy: 'http://u%40x:p%3Ass@proxy.corp:3128',
      noProxy: 'localhost, .internal  10.0.0.1',
    }),
    {
      server: 'http://proxy.corp:3128',
      username: 'u@x',
      password: 'p:ss',
      bypass: 'localhost,.internal,10.0.0.1',
    },
  );
  assert.deepEqual(browserProxyOf({ httpProxy: 'proxy.corp:8080', httpsProxy: '', noProxy: '' }), {
    server: 'http://proxy.corp:8080',
  });
});

test('a proxy URL is displayed without its credentials', () => {
  assert.equal(proxyDisplay('http://user:secret@proxy.corp:3128/'), 'http://proxy.corp:3128');
  assert.equal(proxyDisplay('proxy.corp:3128'), 'http://proxy.corp:3128');
});
