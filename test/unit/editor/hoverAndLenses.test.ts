import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { hoverAt } from '../../../src/core/describe/hoverAt';
import { lensesFor } from '../../../src/core/describe/codeLenses';
import { nativeSchemas } from '../../../src/core/completion/nativeSchemas';
import { descriptionOf, schemasAt } from '../../../src/core/completion/schemaAt';

const CANARY = `canary:
  service: checkout
  steps: [1, 5, 25, 50, 100]
  interval: 5m
  metrics:
    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= baseline * 1.1"
  on_failure: rollback
  failure_limit: 1
  min_requests: 100
  alerts:
    - channel: slack:#checkout-deploys
      on: [breach, rollback]
`;

const SYNTHETIC = `synthetic:
  base_url: https://app.example.com
  frequency: 60s
  locations: [us-east, eu-west]
  alerts:
    - channel: pagerduty:web-oncall
  journeys:
    - name: user can log in
      steps:
        - goto: /login
        - fill: { selector: "#password", value: "\${secret:SYNTHETIC_PASS}" }
        - expect_visible: "#dashboard"
    - name: checkout API is healthy
      steps:
        - request: GET /api/health
          expect: { status: 200 }
`;

/** Hover at the first occurrence of `needle` (plus `delta` characters). */
function hover(text: string, needle: string, delta = 1) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hoverAt(text, at + delta);
}

test('hover on a threshold says it in words and covers the threshold', () => {
  const h = hover(CANARY, 'baseline *');
  assert.ok(h);
  assert.equal(h.lines[0], "The canary's p99 latency must stay within 110% of the baseline's.");
  assert.equal(CANARY.slice(h.ref.offset, h.ref.offset + h.ref.length), '"<= baseline * 1.1"');
});

test('hover on `steps` (key or value) shows the timeline, time to full and worst-case rollback', () => {
  for (const [needle, delta] of [
    ['steps:', 1],
    ['[1, 5', 0],
  ] as const) {
    const h = hover(CANARY, needle, delta);
    assert.ok(h, needle);
    assert.deepEqual(h.lines, [
      '1% > 5% > 25% > 50% > 100% · 25 min to full',
      'Time to full: 25 min (5 steps x 5 min interval).',
      'Worst case to roll back: 10 min (2 breaching checks x 5 min interval; failure_limit 1 tolerates 1 breach).',
    ]);
  }
});

test('hover on one step, the interval, on_failure, min_requests and an alert channel', () => {
  const step = hoverAt(CANARY, CANARY.indexOf('25,'));
  assert.equal(step?.lines[0], 'Step 3 of 5: 25% of traffic, watched from 10 min to 15 min after the start.');
  assert.equal(hover(CANARY, 'interval:')?.lines[0], 'Each step is watched for 5 min before the next one.');
  assert.equal(hover(CANARY, 'on_failure')?.lines[0], 'The canary rolls back within 10 min.');
  assert.match(hover(CANARY, 'min_requests')?.lines[0] ?? '', /fewer than 100 requests is inconclusive/);
  assert.equal(hover(CANARY, 'slack:')?.lines[0], 'Slack channel #checkout-deploys hears about breach and rollback.');
});

test('hover on the canary key summarises the four pillars', () => {
  const h = hoverAt(CANARY, 2);
  assert.equal(h?.title, 'Canary of checkout');
  assert.ok(h?.lines.some((l) => l.startsWith("Gates: the canary's error rate must stay at or below 1%")));
  assert.ok(h?.lines.some((l) => l.startsWith('Alerts: Slack channel #checkout-deploys')));
});

test('hover on a secret variable, a step kind and a journey', () => {
  const secret = hover(SYNTHETIC, '${secret:', 3);
  assert.equal(secret?.title, 'Secret');
  assert.match(secret?.lines.join(' ') ?? '', /never appears in any output/);
  assert.equal(
    SYNTHETIC.slice(secret!.ref.offset, secret!.ref.offset + secret!.ref.length),
    '${secret:SYNTHETIC_PASS}',
  );
  assert.match(hover(SYNTHETIC, 'goto')?.lines[0] ?? '', /^Opens a page in the browser/);
  const journey = hover(SYNTHETIC, 'user can log in');
  assert.equal(journey?.title, 'Journey: user can log in');
  assert.deepEqual(journey?.lines, [
    'A browser journey of 3 steps.',
    'Runs every 1 min from us-east and eu-west.',
    'Alerts (inherited): PagerDuty service web-oncall hears about every event.',
  ]);
});

test('no hover outside our documents or on plain keys', () => {
  assert.equal(hoverAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "<= 1%"\n', 30), undefined);
  assert.equal(hover(CANARY, 'service'), undefined);
});

test("hover on a key shows the schema's description of it, after the words when there are both", () => {
  const schemas = nativeSchemas();
  const at = (needle: string) => hoverAt(CANARY, CANARY.indexOf(needle) + 1, undefined, schemas);
  const expected = (path: Array<string | number>) => descriptionOf(schemasAt(schemas.canary!, path));
  const service = at('service');
  assert.ok(expected(['canary', 'service']), 'the shipped schema describes `service`');
  assert.equal(service?.title, '`service`');
  assert.deepEqual(service?.lines, []);
  assert.equal(service?.markdown, expected(['canary', 'service']));
  assert.equal(CANARY.slice(service!.ref.offset, service!.ref.offset + service!.ref.length), 'service');
  const steps = at('steps:');
  assert.equal(steps?.title, 'Canary steps');
  assert.equal(steps?.lines[0], '1% > 5% > 25% > 50% > 100% · 25 min to full');
  assert.equal(steps?.markdown, expected(['canary', 'steps']));
  const threshold = at('threshold');
  assert.equal(threshold?.title, 'Threshold');
  assert.equal(threshold?.markdown, expected(['canary', 'metrics', 0, 'threshold']));
});

test('CodeLens: a timeline above the canary, "Run journey" above each journey', () => {
  const lenses = lensesFor(`${CANARY}---\n${SYNTHETIC}`);
  assert.deepEqual(
    lenses.map((l) => l.title),
    ['1% > 5% > 25% > 50% > 100% · 25 min to full', '$(play) Run journey', '$(play) Run journey'],
  );
  const runs = lenses.filter((l) => l.kind === 'run-journey');
  assert.deepEqual(
    runs.map((l) => (l.kind === 'run-journey' ? [l.journeyName, l.journeyIndex, l.docIndex] : [])),
    [
      ['user can log in', 0, 1],
      ['checkout API is healthy', 1, 1],
    ],
  );
  assert.equal(lenses[0].ref.offset, 0);
});

test('CodeLens: none on a document with a syntax error, none on other YAML', () => {
  assert.deepEqual(lensesFor('canary:\n  steps: [1, 5\n  interval: 5m\n'), []);
  assert.deepEqual(lensesFor('services:\n  web:\n    image: nginx\n'), []);
});

test('hover and lenses never throw on the real-world manifests and the examples', () => {
  const dirs = ['/work/shared/realworld', join(__dirname, '../../../examples')].filter(existsSync);
  let files = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const text = readFileSync(join(dir, f), 'utf8');
      files++;
      assert.doesNotThrow(() => lensesFor(text), f);
      for (let o = 0; o < text.length; o += 7) assert.doesNotThrow(() => hoverAt(text, o), `${f}@${o}`);
    }
  }
  assert.ok(files > 0 || dirs.length === 0);
});
