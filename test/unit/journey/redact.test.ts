import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { looksSensitive, Redactor, REDACTED } from '../../../src/core/journey/redact';

describe('Redactor', () => {
  it('hides a secret in every spelling it may come back in', () => {
    const secret = 'p@ss "word"/<1>';
    const r = new Redactor([secret]);
    const spellings = [
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      'p@ss &quot;word&quot;/&lt;1&gt;',
    ];
    for (const s of spellings) assert.equal(r.text(`before ${s} after`), `before ${REDACTED} after`);
  });

  it('redacts deep structures, keys included, without touching the original', () => {
    const r = new Redactor(['tok-1']);
    const input = { message: 'Bearer tok-1', list: ['x', 'tok-1tok-1'], nested: { 'tok-1': 3 } };
    const out = r.deep(input);
    assert.deepEqual(out, {
      message: `Bearer ${REDACTED}`,
      list: ['x', `${REDACTED}${REDACTED}`],
      nested: { [REDACTED]: 3 },
    });
    assert.equal(input.message, 'Bearer tok-1');
  });

  it('prefers the longest secret so a secret inside another is fully hidden', () => {
    const r = new Redactor(['abc', 'abcdef']);
    assert.equal(r.text('xabcdefx'), `x${REDACTED}x`);
  });

  it('ignores empty values (they would hide everything)', () => {
    const r = new Redactor(['']);
    assert.equal(r.text('hello'), 'hello');
  });

  it('leaves no secret in any text (property)', () => {
    fc.assert(
      // A secret with a "*" could be re-formed by the "***" marker itself, so those are left out.
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('*')),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (secret, a, b) => {
          const r = new Redactor([secret]);
          return !r.text(`${a}${secret}${b}${secret}`).includes(secret);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('knows which names carry credentials', () => {
    for (const n of ['API_TOKEN', 'password', 'x-api-key', 'Authorization', 'SESSION_ID', 'Cookie'])
      assert.ok(looksSensitive(n), n);
    for (const n of ['cart_id', 'USER_EMAIL', 'sku']) assert.ok(!looksSensitive(n), n);
  });
});

it('HTML references and base64 spellings of a secret are redacted too', () => {
  const secret = `k3y&<"q'>/+=`;
  const r = new Redactor([secret]);
  const html = (q: string, a: string) =>
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, q).replace(/'/g, a);
  for (const spelling of [
    html('&quot;', '&#39;'),
    html('&#34;', '&#39;'),
    html('&quot;', '&#x27;'),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ]) {
    assert.equal(r.text(`<p>${spelling}</p>`), '<p>***</p>', spelling);
  }
  assert.equal(new Redactor(['abc']).text('YWJj'), 'YWJj', 'no base64 spelling for values too short to be secrets');
});
