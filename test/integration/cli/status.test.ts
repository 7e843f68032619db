/**
 * `release-safety status` end to end against the real demo services: in process through main()
 * (exit codes, JSON shape, watching with a signal) and once as the built binary under Ctrl+C.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import type { CommandIO } from '../../../src/cli/io';
import { startDemoServices, type DemoServices } from '../../../src/demo/demoServices';
import { closedPort } from '../canary/fixtureExporter';

const ROOT = resolve(__dirname, '..', '..', '..');

function canaryYaml(
  canary: string,
  baseline: string,
  extra: { minRequests?: number; failureLimit?: number; metrics?: string } = {},
): string {
  return `canary:
  service: checkout
  steps: [1, 5, 25, 50, 100]
  interval: 1m
  metrics:
${
  extra.metrics ??
  `    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= 2s"`
}
  on_failure: rollback
  failure_limit: ${extra.failureLimit ?? 0}
  min_requests: ${extra.minRequests ?? 10}
  source:
    scrape:
      canary: ${canary}
      baseline: ${baseline}
`;
}

async function run(args: string[], cwd: string, signal?: AbortSignal, onOut?: (s: string) => void) {
  let out = '';
  let err = '';
  const io: CommandIO = {
    out: (s) => {
      out += s;
      onOut?.(s);
    },
    err: (s) => (err += s),
    cwd,
    env: {},
    isTTY: false,
    ...(signal ? { signal } : {}),
  };
  const code = await main(['status', ...args], io);
  return { code, out, err };
}

async function setup(t: {
  after: (fn: () => unknown) => void;
}): Promise<{ demo: DemoServices; dir: string; write: (name: string, text: string) => string }> {
  const demo = await startDemoServices({ stablePort: 0, canaryPort: 0, traffic: { totalRps: 1000, canaryWeight: 25 } });
  const dir = mkdtempSync(join(tmpdir(), 'rs-status-'));
  t.after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    demo,
    dir,
    write: (name, text) => {
      writeFileSync(join(dir, name), text);
      return name;
    },
  };
}

test('--once --format json: healthy exits 0 with exactly the spec fields', async (t) => {
  const { demo, dir, write } = await setup(t);
  const f = write('c.yaml', canaryYaml(demo.canary.metricsUrl, demo.stable.metricsUrl));
  const r = await run([f, '--once', '--window', '1s', '--format', 'json'], dir);
  assert.equal(r.code, 0, r.out + r.err);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['service', 'verdict', 'weight', 'step', 'metrics', 'budget']);
  assert.equal(json.budget, null, 'no budget is set for this canary');
  assert.equal(json.service, 'checkout');
  assert.equal(json.verdict, 'healthy');
  assert.equal(json.weight, 25);
  assert.equal(json.step, 3);
  assert.deepEqual(
    json.metrics.map((m: Record<string, unknown>) => Object.keys(m)),
    [
      ['name', 'unit', 'canary', 'baseline', 'threshold', 'pass'],
      ['name', 'unit', 'canary', 'baseline', 'threshold', 'pass'],
    ],
  );
  assert.deepEqual(
    json.metrics.map((m: { name: string; unit: string; threshold: number; pass: boolean }) => [
      m.name,
      m.unit,
      m.threshold,
      m.pass,
    ]),
    [
      ['error-rate', '%', 1, true],
      ['p99-latency', 'ms', 2000, true],
    ],
  );
  assert.equal(typeof json.metrics[0].canary, 'number');
});

test('--once: a breaching canary exits 1, too few requests or a dead source exit 3', async (t) => {
  const { demo, dir, write } = await setup(t);
  await fetch(`${demo.canary.url}/control/error-rate?value=25`, { method: 'POST' });
  const breach = await run(
    [write('b.yaml', canaryYaml(demo.canary.metricsUrl, demo.stable.metricsUrl)), '--once', '--window', '1s'],
    dir,
  );
  assert.equal(breach.code, 1, breach.out + breach.err);
  assert.match(breach.out, /checkout: BREACH/);
  assert.match(breach.out, /error-rate\s+\d+(\.\d+)?%\s+[\d.]+%\s+<= 1%\s+FAIL/);

  const few = await run(
    [
      write('f.yaml', canaryYaml(demo.canary.metricsUrl, demo.stable.metricsUrl, { minRequests: 1_000_000 })),
      '--once',
      '--window',
      '1s',
      '--format',
      'json',
    ],
    dir,
  );
  assert.equal(few.code, 3, few.out + few.err);
  assert.equal(JSON.parse(few.out).verdict, 'inconclusive');
  assert.ok(JSON.parse(few.out).metrics.every((m: { pass: unknown }) => m.pass === null));

  const dead = await run(
    [
      write('d.yaml', canaryYaml(`http://127.0.0.1:${await closedPort()}/metrics`, demo.stable.metricsUrl)),
      '--once',
      '--window',
      '1s',
    ],
    dir,
  );
  assert.equal(dead.code, 3, dead.out + dead.err);
  assert.match(dead.out, /STALE/);
  assert.match(dead.out, /connection refused/);
});

test('usage and config errors exit 2 with a message that says what to fix', async (t) => {
  const { demo, dir, write } = await setup(t);
  const good = write('g.yaml', canaryYaml(demo.canary.metricsUrl, demo.stable.metricsUrl));
  const cases: [string[], RegExp][] = [
    [[], /name the canary file/],
    [['missing.yaml', '--once'], /cannot read missing\.yaml: no such file/],
    [[good, '--once', '--window', 'soon'], /--window "soon" is not a duration/],
    [[good, '--once', '--window', '10ms'], /at least 1s/],
    [[good, '--once', '--format', 'xml'], /--format must be one of text, json/],
    [[good, '--bogus'], /unknown option --bogus/],
    [
      [
        write(
          'n.yaml',
          'canary:\n  service: x\n  steps: [5, 100]\n  metrics:\n    - name: error-rate\n      threshold: "<= 1%"\n',
        ),
        '--once',
      ],
      /n\.yaml:1:1: canary "x" has no source/,
    ],
    [
      [
        write(
          't.yaml',
          canaryYaml('http://127.0.0.1:9/metrics', 'http://127.0.0.1:9/metrics', {
            metrics: '    - name: p99-latency\n      threshold: "<= 1%"',
          }),
        ),
        '--once',
      ],
      /t\.yaml:\d+:\d+: metric p99-latency: the unit "%" does not fit/,
    ],
    [
      [
        write(
          'u.yaml',
          canaryYaml('http://127.0.0.1:9/metrics', 'http://127.0.0.1:9/metrics', {
            metrics: '    - name: queue-depth\n      threshold: "<= 5"',
          }),
        ),
        '--once',
      ],
      /queue-depth is not well known and has no query/,
    ],
    [[write('s.yaml', 'canary: [unclosed\n'), '--once'], /s\.yaml:\d+:\d+: /],
    [[write('o.yaml', 'other: thing\n'), '--once'], /has no canary/],
    [
      [
        write(
          'a.yaml',
          'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  strategy:\n    canary:\n      steps:\n        - setWeight: 20\n',
        ),
        '--once',
      ],
      /live status reads the source of a native canary file/,
    ],
    [
      [write('x.yaml', canaryYaml('not a url', 'http://127.0.0.1:9/metrics')), '--once'],
      /canary URL is not a valid URL/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = await run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
    assert.match(r.err, message, args.join(' '));
  }
});

test('watching prints a line per change and stops on the signal with the last verdict', async (t) => {
  const { demo, dir, write } = await setup(t);
  const f = write('w.yaml', canaryYaml(demo.canary.metricsUrl, demo.stable.metricsUrl));
  const controller = new AbortController();
  const lines: string[] = [];
  let raised = false;
  const stopAt = Date.now() + 60_000;
  const done = run([f, '--window', '1s'], dir, controller.signal, (s) => {
    lines.push(s);
    if (/ healthy /.test(s) && !raised) {
      raised = true;
      void fetch(`${demo.canary.url}/control/error-rate?value=30`, { method: 'POST' });
    }
    if (/ breach /.test(s)) controller.abort();
  });
  const guard = setInterval(() => Date.now() > stopAt && controller.abort(), 200);
  const r = await done;
  clearInterval(guard);
  assert.equal(r.code, 1, lines.join(''));
  assert.match(
    lines[0],
    /^\d\d:\d\d:\d\d checkout healthy 25% · error-rate [\d.]+% pass · p99-latency [\d.]+ ms pass\n$/,
  );
  assert.match(lines[lines.length - 1], / checkout breach 25% · error-rate [\d.]+% FAIL/);
  // One line per change: no two neighbouring lines say the same.
  for (let i = 1; i < lines.length; i++) assert.notEqual(lines[i].slice(9), lines[i - 1].slice(9));
  assert.match(r.err, /Watching checkout/);
});

const built = existsSync(join(ROOT, 'dist', 'cli.js'));

test(
  'the built binary watches until Ctrl+C and then exits cleanly',
  { skip: built ? false : 'run `npm run build` first' },
  async (t) => {
    const { demo, dir, write } = await setup(t);
    const f = write('p.yaml', canaryYaml(demo.canary.metricsUrl, demo.stable.metricsUrl));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'release-safety'), 'status', f, '--window', '1s'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no status line in 20s: ${out}`)), 20_000);
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, out);
    assert.match(out, /checkout healthy 25%/);
  },
);
