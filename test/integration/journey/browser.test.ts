/**
 * Browser journeys in Debian's Chromium (/usr/bin/chromium) through playwright-core, against a
 * login page this test serves on 127.0.0.1: fill, click, wait, expect text / url / visibility,
 * load time from navigation timing, screenshots (on request and on failure, never named after a secret).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findBrowser } from '../../../src/core/journey/browserLaunch';
import { run, type RunOptions } from '../../../src/core/journey/runner';
import { journeysOf, textAt } from './helpers';
import { startHttp, type TestServer } from './servers';

const SECRET = 'hunter2-Secret';
const browser = findBrowser();
let server: TestServer;
let shots: string;
const timers = new Set<NodeJS.Timeout>();

const LOGIN = `<!doctype html><html><head><title>Login</title></head><body>
<form method="post" action="/session">
  <input id="email" name="email"><input id="password" name="password" type="password">
  <select id="region" name="region"><option value="eu">EU</option><option value="us">US</option></select>
  <button id="submit" type="submit">Sign in</button>
</form><p id="hidden" style="display:none">secret panel</p></body></html>`;

before(async () => {
  shots = mkdtempSync(join(tmpdir(), 'rs-shots-'));
  server = await startHttp({
    'GET /login': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(LOGIN),
    'POST /session': (req, res) => {
      const form = new URLSearchParams(req.body);
      const ok = form.get('password') === SECRET;
      res.writeHead(303, { location: ok ? `/dashboard?region=${form.get('region')}` : '/login?failed=1' }).end();
    },
    'GET /dashboard': (req, res) => {
      const region = new URL(req.url!, 'http://x').searchParams.get('region');
      // The greeting arrives late, as it would after an API call on a real dashboard.
      res.writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><body><div id="dashboard"><h1 id="greeting">Loading</h1></div>
<script>setTimeout(() => { document.getElementById('greeting').textContent = 'Welcome back (${region})'; }, 300);</script></body>`);
    },
    'GET /slow': (_q, res) =>
      void timers.add(setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>late</p>'), 45_000)),
  });
});
after(async () => {
  for (const t of timers) clearTimeout(t);
  await server.close();
  rmSync(shots, { recursive: true, force: true });
});

function file(steps: string, name = 'user can log in and see dashboard'): string {
  return `synthetic:
  base_url: ${server.url}
  alerts: [{ channel: "slack:#web" }]
  journeys:
    - name: ${name}
      steps:
${steps}`;
}

const LOGIN_STEPS = `        - goto: /login
        - fill: { selector: "#email", value: "\${env:SYNTHETIC_USER}" }
        - fill: { selector: "#password", value: "\${secret:SYNTHETIC_PASS}" }
        - select: { selector: "#region", value: us }
        - click: "#submit"
          side_effects: harmless
        - expect_visible: { selector: "#dashboard", timeout: 5s }
`;

function options(extra: Partial<RunOptions> = {}): RunOptions {
  return {
    env: (n) => ({ SYNTHETIC_USER: 'synthetic@example.com' })[n],
    secrets: (n) => (n === 'SYNTHETIC_PASS' ? SECRET : undefined),
    browser: { screenshotDir: shots },
    ...extra,
  };
}

describe(
  'browser journeys in the local Chromium',
  { skip: browser.ok ? false : 'no Chrome/Chromium/Edge on this machine' },
  () => {
    it('logs in, waits for the dashboard, checks text, URL and load time, takes a screenshot', async () => {
      const text = file(`${LOGIN_STEPS}        - expect_text: { selector: "#greeting", contains: "Welcome back (us)" }
        - expect_url: /dashboard
        - expect_load_time: "< 10s"
        - screenshot: dashboard
`);
      const result = await run(journeysOf(text), options());
      const j = result.journeys[0];
      assert.equal(j.kind, 'browser');
      assert.equal(j.status, 'passed', JSON.stringify(j.error));
      assert.equal(j.steps.length, 10);
      const goto = j.steps[0];
      assert.ok(goto.timings?.loadMs !== undefined && goto.timings.loadMs > 0, 'load time from navigation timing');
      assert.ok(j.steps[8].timings?.loadMs !== undefined, 'expect_load_time reports the load time');
      const shot = j.steps[9].screenshot!;
      assert.ok(existsSync(shot), 'the screenshot file exists');
      assert.match(basename(shot), /^user-can-log-in-and-see-dashboard-dashboard-\d+\.png$/);
      const post = server.seen.find((s) => s.method === 'POST');
      assert.match(post!.body, /email=synthetic%40example\.com/);
    });

    it('fails with what the page showed, takes a screenshot, and keeps the secret out of its name', async () => {
      const text = file(
        `${LOGIN_STEPS}        - expect_text: { selector: "#greeting", contains: Goodbye, timeout: 1s }
`,
        `login as ${SECRET}`,
      );
      const result = await run(journeysOf(text), options());
      const j = result.journeys[0];
      assert.equal(j.status, 'failed');
      const e = j.error!;
      assert.equal(e.kind, 'assertion');
      assert.equal(e.stepIndex, 6);
      assert.match(e.message, /expected #greeting to contain "Goodbye", it shows "Welcome back \(us\)"/);
      assert.equal(e.expected, 'Goodbye');
      assert.match(textAt(text, e.ref), /^expect_text: \{ selector: "#greeting", contains: Goodbye, timeout: 1s \}$/);
      const shot = j.steps[6].screenshot!;
      assert.ok(existsSync(shot), 'a screenshot of the failure');
      for (const f of readdirSync(shots)) assert.ok(!f.includes(SECRET), `no secret in ${f}`);
      assert.match(basename(shot), /^login-as-step7-failed-\d+\.png$/);
      assert.ok(!JSON.stringify(result).includes(SECRET), 'no secret in the result');
      assert.equal(j.name, 'login as ***');
    });

    it('reports a missing element and a hidden one', async () => {
      const text = file(`        - goto: /login
        - expect_visible: { selector: "#hidden", timeout: 500ms }
`);
      const j = (await run(journeysOf(text), options())).journeys[0];
      assert.match(j.error!.message, /expected #hidden to be visible within 500ms; it is on the page but hidden/);
      const text2 = file(`        - goto: /login
        - click: { selector: "#nope", timeout: 500ms }
`);
      const j2 = (await run(journeysOf(text2), options())).journeys[0];
      assert.equal(j2.error!.kind, 'timeout');
      assert.match(j2.error!.message, /click #nope: nothing visible and ready matched within 500ms/);
      assert.equal(textAt(text2, j2.error!.ref), 'click');
    });

    it('fails a goto that answers 404 and an expect_url that does not match', async () => {
      const j = (await run(journeysOf(file(`        - goto: /missing\n        - expect_url: /missing\n`)), options()))
        .journeys[0];
      assert.match(j.error!.message, /\/missing answered 404/);
      const j2 = (
        await run(
          journeysOf(file(`        - goto: /login\n        - expect_url: { url: /dashboard, timeout: 300ms }\n`)),
          options(),
        )
      ).journeys[0];
      assert.match(
        j2.error!.message,
        /expected the page's URL to match \/dashboard, it is http:\/\/127\.0\.0\.1:\d+\/login/,
      );
    });

    it('stops promptly when cancelled during a slow page', async () => {
      const ac = new AbortController();
      const t0 = Date.now();
      // The step may wait 40 s: only the cancellation can end it sooner (the bound is loose for a busy CI).
      const pending = run(
        journeysOf(file(`        - goto: /slow\n          timeout: 40s\n        - expect_visible: p\n`)),
        options({ signal: ac.signal }),
      );
      setTimeout(() => ac.abort(), 1500);
      const result = await pending;
      assert.ok(Date.now() - t0 < 25_000, 'did not wait for the 45 s page');
      assert.equal(result.cancelled, true);
      assert.equal(result.journeys[0].steps[0].error?.kind, 'cancelled');
      assert.equal(result.journeys[0].status, 'skipped');
    });
  },
);

describe('browser problems are data', () => {
  it('names a browser path that does not exist', async () => {
    const j = (
      await run(
        journeysOf(`synthetic:
  base_url: http://127.0.0.1:9
  journeys:
    - name: b
      steps:
        - goto: /
`),
        { browser: { browserPath: '/nonexistent/chrome' } },
      )
    ).journeys[0];
    assert.equal(j.status, 'failed');
    assert.equal(j.error?.kind, 'browser');
    assert.match(j.error!.message, /the browser path "\/nonexistent\/chrome" does not exist/);
  });
});
