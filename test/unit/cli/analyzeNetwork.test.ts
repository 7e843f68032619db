/** `analyze` shares the network options of run, status and monitor: a bad --cacert stops it before anything is queried. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

test('analyze --cacert with a file that is not there: exit 2, named, nothing queried', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-analyze-ca-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'template.yaml'),
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: t}\nspec:\n  metrics:\n  - name: m\n    successCondition: result[0] >= 0.9\n    provider:\n      prometheus:\n        address: http://127.0.0.1:9\n        query: up\n',
  );
  let out = '';
  let err = '';
  const code = await main(['analyze', 'template.yaml', '--cacert', 'missing-ca.pem'], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: dir,
    env: {},
    isTTY: false,
  });
  assert.equal(code, 2, err);
  assert.match(err, /--cacert/);
  assert.match(err, /missing-ca\.pem/);
  assert.equal(out, '');
});
