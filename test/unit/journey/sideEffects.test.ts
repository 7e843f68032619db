/** What counts as a write, and who owns a browser write: the classification lint, API steps and the browser guard share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowsWrites, effectiveMethod } from '../../../src/core/journey/sideEffects';
import { displayUrl, lateWrites, WriteLedger } from '../../../src/core/journey/writeGuard';
import { Redactor } from '../../../src/core/journey/redact';
import type { Journey } from '../../../src/core/synthetic/model';
import type { StepResult } from '../../../src/core/journey/result';
import type { Step } from '../../../src/core/synthetic/model';

const m = (
  method: string,
  headers: Record<string, string> = {},
  url = 'http://h/x',
  body?: string,
  contentType?: string,
) => effectiveMethod({ method, headers: Object.entries(headers), url, body, contentType });

test('the method a request really asks for', () => {
  assert.deepEqual(m('get'), { method: 'GET' });
  assert.deepEqual(m('POST'), { method: 'POST' });
  assert.deepEqual(m('GET', { 'X-HTTP-Method-Override': 'delete' }), {
    method: 'DELETE',
    via: 'X-HTTP-Method-Override: DELETE',
  });
  assert.deepEqual(m('GET', { 'x-http-method': 'PATCH' }), { method: 'PATCH', via: 'X-HTTP-Method: PATCH' });
  assert.deepEqual(m('GET', { 'X-Method-Override': 'PUT' }), { method: 'PUT', via: 'X-Method-Override: PUT' });
  assert.deepEqual(m('GET', {}, 'http://h/orders/1?_method=DELETE'), {
    method: 'DELETE',
    via: '_method=DELETE in the query',
  });
  assert.deepEqual(m('POST', {}, 'http://h/x', '_method=put&a=1', 'application/x-www-form-urlencoded'), {
    method: 'PUT',
    via: '_method=PUT in the body',
  });
  assert.deepEqual(m('POST', {}, 'http://h/x', '{"_method":"DELETE"}', 'application/json'), {
    method: 'DELETE',
    via: '_method=DELETE in the body',
  });
  assert.deepEqual(
    m(
      'POST',
      {},
      'http://h/x',
      '--b\r\nContent-Disposition: form-data; name="_method"\r\n\r\nDELETE\r\n--b--',
      'multipart/form-data; boundary=b',
    ),
    { method: 'DELETE', via: '_method=DELETE in the body' },
  );
});

test('an override never turns a write into a read, and nonsense is not a method', () => {
  assert.deepEqual(m('POST', { 'X-HTTP-Method-Override': 'GET' }), { method: 'POST' });
  assert.deepEqual(m('GET', { 'X-HTTP-Method-Override': 'HEAD' }), { method: 'GET' });
  assert.deepEqual(m('GET', { 'X-HTTP-Method-Override': '${env:VERB}' }), { method: 'GET' });
  assert.deepEqual(m('GET', {}, 'http://h/x?q=_method%3DDELETE'), { method: 'GET' });
  assert.deepEqual(m('POST', {}, 'http://h/x', 'not json {', 'application/json'), { method: 'POST' });
});

test('only sandbox and harmless allow writes', () => {
  assert.ok(allowsWrites('sandbox') && allowsWrites('harmless') && allowsWrites(' harmless '));
  for (const v of [undefined, '', 'none', 'yes', 'Sandbox!']) assert.ok(!allowsWrites(v), String(v));
});

const step = (index: number, kind: string, sideEffects?: string): Step =>
  ({
    index,
    ref: { offset: 0, length: 0 },
    keyRef: { offset: 0, length: 0 },
    spec: { kind },
    ...(sideEffects ? { sideEffects: { value: sideEffects, ref: { offset: 0, length: 0 } } } : {}),
  }) as Step;
const req = (method: string, url = 'http://shop/api/orders', headers: Record<string, string> = {}) => ({
  method,
  url,
  headers,
});

test('a write belongs to the last action step; looking steps never own one', () => {
  const ledger = new WriteLedger();
  ledger.begin(step(0, 'goto'), 'goto /shop');
  assert.equal(ledger.decide(req('GET', 'http://shop/shop')), undefined, 'reads are not recorded');
  ledger.begin(step(1, 'click', 'harmless'), 'click #buy');
  ledger.begin(step(2, 'expect_text'), 'expect_text #status');
  const late = ledger.decide(req('POST'))!;
  assert.deepEqual([late.allowed, late.stepIndex, late.step], [true, 1, 'click #buy'], 'the click declared it');
  ledger.begin(step(3, 'click'), 'click #again');
  const blocked = ledger.decide(req('GET', 'http://shop/api/orders/1', { 'X-HTTP-Method-Override': 'DELETE' }))!;
  assert.deepEqual(
    [blocked.allowed, blocked.stepIndex, blocked.method, blocked.via],
    [false, 3, 'DELETE', 'X-HTTP-Method-Override: DELETE'],
  );
  ledger.begin(step(4, 'wait_for', 'sandbox'), 'wait_for #x');
  assert.equal(ledger.decide(req('PUT'))!.stepIndex, 4, 'a looking step with its own side_effects owns what follows');
  assert.equal(ledger.take().length, 3);
  assert.deepEqual(ledger.take(), [], 'taken once');
});

test('caughtUp waits for the writes the page reported, bounded', async () => {
  const ledger = new WriteLedger();
  ledger.begin(step(0, 'click'), 'click');
  ledger.noteStarted();
  let done = false;
  const waiting = ledger.caughtUp(10_000).then(() => (done = true));
  await Promise.resolve();
  assert.equal(done, false, 'not before the router saw it');
  ledger.decide(req('POST'));
  await waiting;
  ledger.noteStarted();
  ledger.decide({ ...req('POST', 'http://shop/session'), navigation: true });
  let early = false;
  const formFirst = ledger.caughtUp(10_000).then(() => (early = true));
  await Promise.resolve();
  assert.equal(early, false, 'a form post does not stand in for the fetch the page reported');
  ledger.decide(req('POST'));
  await formFirst;
  ledger.noteStarted();
  ledger.noteAbandoned();
  await ledger.caughtUp(10_000); // a write the page gave up on is not waited for
  ledger.noteStarted();
  await ledger.caughtUp(1); // and a lost one holds the step only for the bound
});

test('write URLs are fit to print', () => {
  assert.equal(
    displayUrl('https://user:pw@shop.example/api/orders?token=abc&sku=1'),
    'https://shop.example/api/orders?token=***&sku=1',
  );
  assert.equal(displayUrl('not a url'), 'not a url');
});

test('a blocked write that reaches the guard after the last step fails the journey, on the step that owns it', () => {
  const steps: StepResult[] = [0, 1].map((i) => ({
    index: i,
    name: `s${i}`,
    kind: 'click',
    status: 'passed',
    durationMs: 1,
    ref: { offset: i * 10, length: 5 },
  }));
  const journey = {
    steps: [step(0, 'goto'), { ...step(1, 'click'), keyRef: { offset: 12, length: 5 } }],
  } as unknown as Journey;
  const redactor = new Redactor(['s3cret']);
  const allowedOnly = lateWrites(
    [{ method: 'POST', url: 'http://shop/a', allowed: true, stepIndex: 1 }],
    steps.slice(),
    journey,
    redactor,
  );
  assert.equal(allowedOnly, undefined, 'an allowed late write is listed, not a failure');
  const list = steps.slice();
  const failure = lateWrites(
    [{ method: 'POST', url: 'http://shop/api/orders?k=s3cret', allowed: false, stepIndex: 1, step: 'click #buy' }],
    list,
    journey,
    redactor,
  )!;
  assert.equal(failure.kind, 'side-effect');
  assert.match(failure.message, /POST \/api\/orders\?k=\*\*\* .*after the last step had ended/);
  assert.deepEqual(failure.ref, { offset: 12, length: 5 }, 'points at the click to declare');
  assert.equal(list[1].writes?.[0].url, 'http://shop/api/orders?k=***', 'listed on the last step, redacted');
  assert.deepEqual(lateWrites([], steps.slice(), journey, redactor), undefined);
});
