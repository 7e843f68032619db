/**
 * `release-safety run` in-process against a real local server: exit codes 0/1/2, --journey,
 * --env-file, --output, the JSON shape the README documents, JUnit structure, and refusal of unsafe journeys.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { json, startHttp, type TestServer } from './servers';

let server: TestServer;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rs-cli-run-'));
  server = await startHttp({
    'GET /api/health': (_q, res) => json(res, 200, { status: 'ok' }),
    'GET /api/version': (req, res) => json(res, 200, { version: '1.2.3', user: req.headers['x-user'] ?? null }),
    'POST /api/cart': (_q, res) => json(res, 201, { id: 7 }),
  });
  writeFileSync(
    join(dir, 'synthetic.yaml'),
    `synthetic:
  base_url: ${server.url}
  alerts:
    - channel: pagerduty:web-oncall
  journeys:
    - name: health is ok
      steps:
        - request: GET /api/health
          expect: { status: 200, json: { "$.status": ok } }
    - name: version is 2
      steps:
        - request: GET /api/version
          expect: { json: { "$.version": "2.0.0" } }
    - name: user header
      steps:
        - request: GET /api/version
          headers: { X-User: "\${env:SYNTHETIC_USER}" }
          expect: { json: { "$.user": "from-env-file" } }
`,
  );
  writeFileSync(
    join(dir, 'unsafe.yaml'),
    `synthetic:
  base_url: ${server.url}
  alerts: [{ channel: "slack:#x" }]
  journeys:
    - name: adds to cart
      steps:
        - request: POST /api/cart
          expect: { status: 201 }
`,
  );
  writeFileSync(join(dir, 'broken.yaml'), 'synthetic:\n  journeys: [\n');
  writeFileSync(join(dir, 'ci.env'), '# test env\nSYNTHETIC_USER=from-env-file\nexport OTHER="quoted value"\n');
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIO = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    cwd: dir,
    env,
    isTTY: false,
    stdoutIsTTY: false,
  };
  const code = await main(['run', ...args], io);
  return { code, out, err };
}

describe('release-safety run', () => {
  it('exits 0 when every selected journey passes', async () => {
    const r = await cli(['synthetic.yaml', '--journey', 'health is ok']);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /✓ health is ok/);
    assert.match(r.out, /✓ GET \/api\/health {2}200, ttfb \d+ ms, total \d+ ms/);
    assert.match(r.out, /1 journey: 1 passed, 0 failed/);
  });

  it('exits 1 when a journey fails, with expected, actual and location', async () => {
    const r = await cli(['synthetic.yaml', '--env-file', 'ci.env']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /✗ version is 2/);
    assert.match(
      r.out,
      /expected \$\.version to be "2\.0\.0", got "1\.2\.3"\n\s+expected: "2\.0\.0"\n\s+actual: {3}"1\.2\.3"\n\s+at synthetic\.yaml:13:29/,
    );
    assert.match(r.out, /✓ user header/, '--env-file supplied SYNTHETIC_USER');
  });

  it('lets the environment win over --env-file', async () => {
    const r = await cli(['synthetic.yaml', '--journey', 'user header', '--env-file', 'ci.env'], {
      SYNTHETIC_USER: 'from-environment',
    });
    assert.equal(r.code, 1);
    assert.match(r.out, /got "from-environment"/);
  });

  it('prints the JSON shape the README documents', async () => {
    const r = await cli(['synthetic.yaml', '--reporter', 'json', '--env-file', 'ci.env']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out);
    assert.deepEqual(Object.keys(report), ['journeys']);
    assert.deepEqual(
      report.journeys.map((j: { name: string; status: string }) => [j.name, j.status]),
      [
        ['health is ok', 'passed'],
        ['version is 2', 'failed'],
        ['user header', 'passed'],
      ],
    );
    for (const j of report.journeys) {
      assert.deepEqual(Object.keys(j), ['name', 'status', 'durationMs', 'steps']);
      assert.equal(typeof j.durationMs, 'number');
      for (const s of j.steps) assert.deepEqual(Object.keys(s), ['name', 'status', 'durationMs', 'error']);
    }
    assert.equal(report.journeys[0].steps[0].error, null);
    assert.match(report.journeys[1].steps[0].error, /got "1\.2\.3"/);
  });

  it('writes JUnit (one testsuite per file, one testcase per journey) to --output', async () => {
    const r = await cli([
      'synthetic.yaml',
      '--reporter',
      'junit',
      '--output',
      'reports/junit.xml',
      '--env-file',
      'ci.env',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.out, /3 journeys: 2 passed, 1 failed; junit report written to reports\/junit\.xml/);
    const xml = readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8');
    assert.equal(xml.match(/<testsuite /g)?.length, 1);
    assert.equal(xml.match(/<testcase /g)?.length, 3);
    assert.match(xml, /<testsuite name="synthetic\.yaml" tests="3" failures="1" errors="0" skipped="0"/);
    assert.match(
      xml,
      /<testcase name="version is 2" classname="synthetic\.yaml" time="\d+\.\d{3}">\s*<failure message="expected \$\.version to be &quot;2\.0\.0&quot;, got &quot;1\.2\.3&quot;" type="assertion">/,
    );
  });

  it('exits 2 for a variable that is not set, and sends nothing', async () => {
    const before = server.seen.length;
    const r = await cli(['synthetic.yaml', '--journey', 'user header']);
    assert.equal(r.code, 2);
    assert.match(r.out, /the environment variable SYNTHETIC_USER is not set/);
    assert.equal(server.seen.length, before);
  });

  it('refuses a journey lint marks unsafe, runs nothing, exits 2', async () => {
    const before = server.seen.length;
    const r = await cli(['unsafe.yaml']);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /unsafe\.yaml:7:20 journey "adds to cart" refused: .*side_effects: sandbox.*\(synthetic\/unsafe-side-effects\)/,
    );
    assert.match(r.err, /nothing was run/);
    assert.equal(server.seen.length, before);
  });

  it('exits 2 for usage and config errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /which file\?/],
      [['synthetic.yaml', '--reporter', 'xml'], /--reporter must be one of text, json, junit/],
      [['synthetic.yaml', '--nope'], /unknown option --nope/],
      [['missing.yaml'], /cannot read missing\.yaml: no such file/],
      [['broken.yaml'], /broken\.yaml has YAML errors/],
      [
        ['synthetic.yaml', '--journey', 'nope'],
        /no journey named "nope" in synthetic\.yaml\. Journeys: "health is ok", "version is 2", "user header"/,
      ],
      [['synthetic.yaml', '--env-file', 'missing.env'], /cannot read the env file missing\.env: no such file/],
      [['ci.env'], /ci\.env has no journeys/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
  });
});
