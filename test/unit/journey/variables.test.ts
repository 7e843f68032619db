import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  scanVariables,
  substitute,
  substituteDeep,
  VariableError,
  type VariableScope,
} from '../../../src/core/journey/variables';

const scope: VariableScope = {
  env: (n) => ({ USER: 'synthetic@example.com', EMPTY: '' })[n],
  secrets: new Map([['PASS', 's3cr3t']]),
  captured: new Map<string, unknown>([
    ['cart_id', 42],
    ['tags', ['a', 'b']],
    ['name', 'cart'],
  ]),
};

describe('scanVariables', () => {
  it('finds env, secret and captured references with their offsets', () => {
    const { refs, errors } = scanVariables('Bearer ${secret:PASS} for ${env:USER} in ${cart_id}');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      refs.map((r) => [r.kind, r.name]),
      [
        ['secret', 'PASS'],
        ['env', 'USER'],
        ['capture', 'cart_id'],
      ],
    );
    assert.equal(refs[0].start, 7);
    assert.equal(refs[0].end, 21);
  });

  it('reports malformed references in words', () => {
    assert.match(scanVariables('x ${vault:KEY}').errors[0], /unknown kind "vault:"/);
    assert.match(scanVariables('x ${env:USER').errors[0], /no closing "}"/);
    assert.match(scanVariables('x ${1abc}').errors[0], /not a variable name/);
  });

  it('treats $${ as a literal', () => {
    assert.deepEqual(scanVariables('cost $${price}').refs, []);
    assert.equal(substitute('cost $${price}', scope), 'cost ${price}');
  });
});

describe('substitute', () => {
  it('replaces every reference', () => {
    assert.equal(substitute('${env:USER}:${secret:PASS}/${cart_id}', scope), 'synthetic@example.com:s3cr3t/42');
  });

  it('keeps an empty env value (set, but empty)', () => {
    assert.equal(substitute('[${env:EMPTY}]', scope), '[]');
  });

  it('throws a VariableError naming the unknown variable', () => {
    assert.throws(
      () => substitute('${env:NOPE}', scope),
      (e: unknown) => e instanceof VariableError && /NOPE is not set/.test(e.message),
    );
    assert.throws(() => substitute('${later}', scope), /not captured by an earlier step/);
  });

  it('keeps the type of a lone captured value inside JSON bodies', () => {
    assert.deepEqual(
      substituteDeep(
        { id: '${cart_id}', label: 'cart ${cart_id}', tags: '${tags}', nested: [{ who: '${env:USER}' }] },
        scope,
      ),
      {
        id: 42,
        label: 'cart 42',
        tags: ['a', 'b'],
        nested: [{ who: 'synthetic@example.com' }],
      },
    );
  });
});
