/**
 * examples/synthetic.yaml passes against scripts/demo-api.mjs (the offline demo a newcomer runs),
 * through the built CLI binary, as a user would: a separate process, secrets from the environment.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { findBrowser } from '../../../src/core/journey/browserLaunch';

let demo: ChildProcess;
let base: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rs-demo-'));
  demo = spawn(process.execPath, ['scripts/demo-api.mjs'], {
    env: { ...process.env, PORT: '0', API_TOKEN: 'demo-token', SYNTHETIC_PASS: 'demo-pass' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the demo server did not start within 20 s')), 20_000);
    demo.stdout!.on('data', (d: Buffer) => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    demo.on('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
  });
});
after(() => {
  demo.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

it(
  'every journey of examples/synthetic.yaml passes against the demo service',
  { skip: findBrowser().ok ? false : 'no local Chrome/Chromium/Edge' },
  () => {
    const example = readFileSync('examples/synthetic.yaml', 'utf8');
    assert.match(example, /base_url: http:\/\/127\.0\.0\.1:8787/, 'the example points at the demo port');
    const file = join(dir, 'synthetic.yaml');
    // Latency and load-time limits are the example's advice for production; on a shared test machine
    // they measure the machine, so the copy gets roomy limits. Everything else is checked as written.
    const roomy = example.replace(/(latency|expect_load_time): "<\s*[^"]+"/g, '$1: "< 30s"');
    writeFileSync(file, roomy.replace(/http:\/\/127\.0\.0\.1:8787/g, base));
    const r = spawnSync(process.execPath, ['bin/release-safety', 'run', file, '--reporter', 'json'], {
      env: { ...process.env, API_TOKEN: 'demo-token', SYNTHETIC_USER: 'me@example.com', SYNTHETIC_PASS: 'demo-pass' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const report = JSON.parse(r.stdout);
    assert.ok(report.journeys.length >= 2);
    for (const j of report.journeys) assert.equal(j.status, 'passed', j.name);

    // A wrong secret is caught by the demo service: the same run fails (exit 1), it does not pass by accident.
    const wrong = spawnSync(process.execPath, ['bin/release-safety', 'run', file], {
      env: { ...process.env, API_TOKEN: 'wrong', SYNTHETIC_USER: 'me@example.com', SYNTHETIC_PASS: 'wrong' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(wrong.status, 1, wrong.stdout + wrong.stderr);
    assert.match(wrong.stdout, /expected status 201, got 401/);
  },
);

it(
  'the demo shop: the undeclared Buy click of examples/mistakes/buy-button.yaml is blocked and no order arrives',
  { skip: findBrowser().ok ? false : 'no local Chrome/Chromium/Edge' },
  async () => {
    const file = join(dir, 'buy-button.yaml');
    writeFileSync(
      file,
      readFileSync('examples/mistakes/buy-button.yaml', 'utf8').replace(/http:\/\/127\.0\.0\.1:8787/g, base),
    );
    const lint = spawnSync(process.execPath, ['bin/release-safety', 'lint', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(lint.status, 0, `lint cannot see the page's write: ${lint.stdout}`);
    const r = spawnSync(process.execPath, ['bin/release-safety', 'run', file], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /blocked write: the page sent POST \/api\/orders/);
    assert.match(r.stdout, /blocked POST http:\/\/127\.0\.0\.1:\d+\/api\/orders/, 'the step lists the blocked write');
    const count = (await (await fetch(`${base}/api/orders`)).json()) as { count: number };
    assert.equal(count.count, 0, 'no order reached the demo shop');
  },
);
