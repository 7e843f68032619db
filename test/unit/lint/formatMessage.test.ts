/** Message templates: `{{name}}` filled from the report's data, everything else left as written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMessage } from '../../../src/core/lint/rule';

test('placeholders are filled from data; unknown ones stay visible; values are not re-read as templates', () => {
  const cases: Array<[string, Record<string, string | number>, string]> = [
    ['', {}, ''],
    ['no placeholder', { a: 1 }, 'no placeholder'],
    ['{{a}}', { a: 1 }, '1'],
    ['x {{ a }} y {{b}}{{c}} z', { a: 'A', c: '$&' }, 'x A y {{b}}$& z'],
    ['{{a}}{{a}}', { a: '{{b}}', b: 2 }, '{{b}}{{b}}'],
    ['{{ unknown }} and {{toString}}', {}, '{{ unknown }} and {{toString}}'],
    ['{{}} {{ }} {{a b}}', { a: 1 }, '{{}} {{ }} {{a b}}'],
    ['end {{x}}', { x: 0 }, 'end 0'],
    ['{{x}} start', { x: '' }, ' start'],
  ];
  // Twice each: the second call reads the template's cached split.
  for (const [template, data, expected] of [...cases, ...cases])
    assert.equal(formatMessage(template, data), expected, template);
});
