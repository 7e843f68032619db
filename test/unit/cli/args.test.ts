import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineCommand, nonNegativeInteger, oneOf, parseCommandArgs, UsageError } from '../../../src/cli/args';

const SPEC = defineCommand({
  name: 'demo',
  usage: 'release-safety demo [PATH ...] [--format text|json] [--once] [--max-warnings N]',
  options: {
    format: { type: 'string' },
    once: { type: 'boolean' },
    'max-warnings': { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
});

test('parses options, = form, repeated options and positionals', () => {
  const r = parseCommandArgs(SPEC, [
    'a.yaml',
    '--format=json',
    '--once',
    'b',
    '--tag',
    'x',
    '--tag',
    'y',
    '--max-warnings',
    '3',
  ]);
  assert.deepEqual(r.positionals, ['a.yaml', 'b']);
  assert.equal(r.values.format, 'json');
  assert.equal(r.values.once, true);
  assert.deepEqual(r.values.tag, ['x', 'y']);
  assert.equal(r.values['max-warnings'], '3');
  assert.equal(r.help, false);
});

test('--help and -h are recognised for every command', () => {
  assert.equal(parseCommandArgs(SPEC, ['-h']).help, true);
  assert.equal(parseCommandArgs(SPEC, ['--help', 'x']).help, true);
});

test('an unknown option is a UsageError naming the option and carrying the usage', () => {
  assert.throws(
    () => parseCommandArgs(SPEC, ['--nope']),
    (e: unknown) =>
      e instanceof UsageError && e.message === 'release-safety demo: unknown option --nope.' && e.usage === SPEC.usage,
  );
});

test('a missing or ambiguous value says the option needs a value', () => {
  for (const args of [['--format'], ['--format', '--once']]) {
    assert.throws(
      () => parseCommandArgs(SPEC, args),
      (e: unknown) => e instanceof UsageError && /--format needs a value/.test(e.message),
    );
  }
  assert.throws(
    () => parseCommandArgs(SPEC, ['--once=yes']),
    (e: unknown) => e instanceof UsageError && /--once does not take a value/.test(e.message),
  );
});

test('maxPositionals refuses extra arguments', () => {
  const one = defineCommand({ name: 'run', usage: 'u', options: {}, maxPositionals: 1 });
  assert.deepEqual(parseCommandArgs(one, ['f.yaml']).positionals, ['f.yaml']);
  assert.throws(() => parseCommandArgs(one, ['f.yaml', 'g.yaml']), /unexpected argument "g.yaml"/);
});

test('oneOf and nonNegativeInteger accept good values and reject others', () => {
  assert.equal(oneOf(SPEC, 'format', 'json', ['text', 'json']), 'json');
  assert.throws(() => oneOf(SPEC, 'format', 'xml', ['text', 'json']), /--format must be one of text, json, not "xml"/);
  assert.equal(nonNegativeInteger(SPEC, 'max-warnings', '0'), 0);
  assert.equal(nonNegativeInteger(SPEC, 'max-warnings', '12'), 12);
  for (const bad of ['-1', '1.5', 'ten', '', '99999999999999999999']) {
    assert.throws(() => nonNegativeInteger(SPEC, 'max-warnings', bad), UsageError, bad);
  }
});
