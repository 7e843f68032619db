import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExcludes } from '../../../src/core/config/excludeGlobs';

const cases: Array<[string[], string, boolean]> = [
  [['vendor'], 'vendor/a.yaml', true],
  [['vendor'], 'deep/vendor/a.yaml', true],
  [['vendor/'], 'vendor/sub/a.yaml', true],
  [['vendor'], 'vendored/a.yaml', false],
  [['/vendor'], 'deep/vendor/a.yaml', false],
  [['/vendor'], 'vendor/a.yaml', true],
  [['*.generated.yaml'], 'x/y/app.generated.yaml', true],
  [['*.generated.yaml'], 'x/y/app.yaml', false],
  [['charts/*/values.yaml'], 'charts/api/values.yaml', true],
  [['charts/*/values.yaml'], 'charts/api/sub/values.yaml', false],
  [['charts/**/values.yaml'], 'charts/api/sub/values.yaml', true],
  [['charts/**/values.yaml'], 'charts/values.yaml', true],
  [['**/fixtures/**'], 'a/b/fixtures/c/d.yaml', true],
  [['test/**'], 'test/x.yaml', true],
  [['test/**'], 'tests/x.yaml', false],
  [['file?.yml'], 'file1.yml', true],
  [['file?.yml'], 'file10.yml', false],
  [['*.{yml,yaml}'], 'a/b.yml', true],
  [['a.(b).yaml'], 'a.(b).yaml', true],
  [['a.(b).yaml'], 'aX(b)Xyaml', false],
  [['vendor'], '../vendor/a.yaml', false],
  [[], 'a.yaml', false],
  [['', '# comment'], 'a.yaml', false],
];

for (const [globs, path, expected] of cases) {
  test(`${JSON.stringify(globs)} ${expected ? 'excludes' : 'keeps'} ${path}`, () => {
    assert.equal(compileExcludes(globs).matches(path), expected);
  });
}

test('backslashes and ./ are normalised', () => {
  assert.equal(compileExcludes(['./gen/**']).matches('gen\\a.yaml'), true);
});
