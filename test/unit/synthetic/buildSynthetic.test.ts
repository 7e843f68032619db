import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parse/parseFile';
import { buildSyntheticConfig } from '../../../src/core/synthetic/buildSynthetic';
import type { BrowserStep, RequestStep, SyntheticConfig } from '../../../src/core/synthetic/model';
import type { Ref } from '../../../src/core/parse/yamlNodes';
import { SPEC_SYNTHETIC } from '../../fixtures/specExamples';

function build(text: string, docIndex = 0): SyntheticConfig {
  const file = parseFile(text);
  assert.deepEqual(file.findings, [], 'the fixture parses');
  const config = buildSyntheticConfig(file.documents[docIndex], file);
  assert.ok(config, 'a model is built');
  return config;
}

/** The source text a ref points at. */
const at = (text: string, ref: Ref | undefined): string => {
  assert.ok(ref, 'a ref is set');
  return text.slice(ref.offset, ref.offset + ref.length);
};

const SPEC_EXAMPLE = SPEC_SYNTHETIC;

test('reads the reference example of docs/formats/synthetic.md with defaults inherited into each journey', () => {
  const c = build(SPEC_EXAMPLE);
  assert.equal(at(SPEC_EXAMPLE, c.anchor), 'synthetic');
  assert.equal(c.baseUrl?.value, 'https://app.example.com');
  assert.equal(c.frequencyMs, 60_000);
  assert.deepEqual(c.locations?.value, ['us-east', 'eu-west', 'ap-south']);
  assert.deepEqual(
    c.alerts.map((a) => a.channel),
    ['pagerduty:web-oncall'],
  );
  assert.equal(at(SPEC_EXAMPLE, c.alerts[0].ref), 'pagerduty:web-oncall');
  assert.deepEqual(c.problems, []);
  assert.equal(c.journeys.length, 2);
  const [login, api] = c.journeys;
  assert.equal(login.name, 'user can log in and see dashboard');
  assert.equal(at(SPEC_EXAMPLE, login.nameRef), 'user can log in and see dashboard');
  assert.equal(login.kind, 'browser');
  assert.equal(api.kind, 'api');
  for (const j of c.journeys) {
    assert.equal(j.baseUrl?.value, 'https://app.example.com');
    assert.equal(j.frequencyMs, 60_000);
    assert.deepEqual(j.locations, ['us-east', 'eu-west', 'ap-south']);
    assert.equal(j.alertsInherited, true);
    assert.equal(j.alerts[0].channel, 'pagerduty:web-oncall');
  }
  assert.deepEqual(
    login.steps.map((s) => s.spec.kind),
    ['goto', 'fill', 'fill', 'click', 'expect_visible', 'expect_load_time'],
  );
  const fill = login.steps[2].spec as BrowserStep;
  assert.equal(fill.selector, '#password');
  assert.equal(fill.value, '${secret:SYNTHETIC_PASS}');
  assert.equal(at(SPEC_EXAMPLE, fill.valueRef), '"${secret:SYNTHETIC_PASS}"');
  assert.equal((login.steps[3].spec as BrowserStep).selector, '#submit');
  assert.equal(login.steps[4].timeoutMs, 5000);
  assert.equal((login.steps[5].spec as BrowserStep).target, '< 3s');
  assert.equal(at(SPEC_EXAMPLE, login.steps[0].keyRef), 'goto');
  assert.equal(at(SPEC_EXAMPLE, login.steps[0].ref), 'goto: /login');
});

test('reads every part of a request step with its ranges', () => {
  const c = build(SPEC_EXAMPLE);
  const health = c.journeys[1].steps[0].spec as RequestStep;
  assert.equal(health.method, 'GET');
  assert.equal(health.url, '/api/health');
  assert.equal(at(SPEC_EXAMPLE, health.urlRef), 'GET /api/health');
  assert.equal(health.expect?.status?.value, 200);
  assert.equal(health.expect?.latency?.value, '< 500ms');
  assert.deepEqual(
    health.expect?.json?.map((j) => [j.path, j.expected]),
    [['$.status', 'ok']],
  );
  assert.equal(health.expect?.bodyContains?.value, 'ok');
  assert.deepEqual(
    health.expect?.headers?.map((h) => [h.name, h.expected]),
    [['content-type', 'application/json']],
  );
  const cart = c.journeys[1].steps[1].spec as RequestStep;
  assert.equal(cart.method, 'POST');
  assert.equal(cart.sideEffects?.value, 'sandbox');
  assert.equal(at(SPEC_EXAMPLE, cart.sideEffects?.ref), 'sandbox');
  assert.deepEqual(
    cart.headers.map((h) => [h.name, h.value]),
    [['Authorization', 'Bearer ${secret:API_TOKEN}']],
  );
  assert.equal(at(SPEC_EXAMPLE, cart.headers[0].keyRef), 'Authorization');
  assert.equal(at(SPEC_EXAMPLE, cart.headers[0].ref), '"Bearer ${secret:API_TOKEN}"');
  assert.deepEqual(cart.body, { sku: 'TEST-SKU-1', qty: 1 });
  assert.deepEqual(
    cart.bodyFields?.map((f) => [f.key, f.value]),
    [
      ['sku', 'TEST-SKU-1'],
      ['qty', '1'],
    ],
  );
  assert.deepEqual(
    cart.capture?.map((x) => [x.name, x.path]),
    [['cart_id', '$.id']],
  );
  assert.equal(cart.expect?.status?.value, 201);
});

test('status as a list or a class, step name and timeout, journey retries and timeout', () => {
  const text = `synthetic:
  journeys:
    - name: j
      retries: 2
      timeout: 1m
      steps:
        - name: health answers
          timeout: 2s
          request: HEAD https://x.example.com/health
          expect: { status: [200, "2xx"] }
        - request: /plain
`;
  const c = build(text);
  const j = c.journeys[0];
  assert.equal(j.retries, 2);
  assert.equal(j.timeoutMs, 60_000);
  assert.equal(j.steps[0].name, 'health answers');
  assert.equal(at(text, j.steps[0].nameRef), 'health answers');
  assert.equal(j.steps[0].timeoutMs, 2000);
  const s = j.steps[0].spec as RequestStep;
  assert.equal(s.method, 'HEAD');
  assert.equal(s.url, 'https://x.example.com/health');
  assert.deepEqual(s.expect?.status?.value, [200, '2xx']);
  const plain = j.steps[1].spec as RequestStep;
  assert.equal(plain.method, 'GET', 'a request without a method is a GET');
  assert.equal(plain.url, '/plain');
});

test('a journey overrides base_url, frequency, locations and alerts', () => {
  const text = `synthetic:
  base_url: https://a.example.com
  frequency: 1m
  locations: [us-east, eu-west]
  alerts: [{ channel: "slack:#a" }]
  journeys:
    - name: own
      base_url: https://b.example.com
      frequency: 10m
      locations: [ap-south]
      alerts:
        - channel: email:me@example.com
          on: [failure]
      steps: [{ request: GET / }]
    - name: empty own alerts keep the defaults
      alerts: []
      steps: [{ request: GET / }]
`;
  const [own, empty] = build(text).journeys;
  assert.equal(own.baseUrl?.value, 'https://b.example.com');
  assert.equal(own.frequencyMs, 600_000);
  assert.equal(at(text, own.frequency?.ref), '10m');
  assert.deepEqual(own.locations, ['ap-south']);
  assert.equal(at(text, own.locationsRef), '[ap-south]');
  assert.equal(own.alertsInherited, false);
  assert.deepEqual(
    own.alerts.map((a) => [a.channel, a.on]),
    [['email:me@example.com', ['failure']]],
  );
  assert.equal(empty.alertsInherited, true);
  assert.equal(empty.alerts[0].channel, 'slack:#a');
  assert.equal(at(text, empty.alertsRef), '[]');
});

test('browser steps in string and map forms', () => {
  const text = `synthetic:
  journeys:
    - name: b
      steps:
        - goto: /
        - click: { selector: "#go", timeout: 3s }
        - wait_for: ".ready"
        - press: Enter
        - press: { selector: "#q", key: Tab }
        - select: { selector: "#country", value: DE }
        - expect_text: { selector: h1, contains: Welcome }
        - expect_url: /done
        - screenshot: done
        - screenshot:
`;
  const steps = build(text).journeys[0].steps;
  const specs = steps.map((s) => s.spec as BrowserStep);
  assert.deepEqual(
    specs.map((s) => s.kind),
    ['goto', 'click', 'wait_for', 'press', 'press', 'select', 'expect_text', 'expect_url', 'screenshot', 'screenshot'],
  );
  assert.equal(specs[0].target, '/');
  assert.equal(specs[1].selector, '#go');
  assert.equal(steps[1].timeoutMs, 3000);
  assert.equal(specs[2].selector, '.ready');
  assert.equal(specs[3].value, 'Enter');
  assert.deepEqual([specs[4].selector, specs[4].value], ['#q', 'Tab']);
  assert.deepEqual([specs[5].selector, specs[5].value], ['#country', 'DE']);
  assert.deepEqual([specs[6].selector, specs[6].value], ['h1', 'Welcome']);
  assert.equal(specs[7].target, '/done');
  assert.equal(specs[8].target, 'done');
  assert.equal(specs[9].target, undefined);
});

test('wrong types are recorded as problems, never thrown', () => {
  const text = `synthetic:
  base_url: [not, a, string]
  frequency: often
  locations: { a: 1 }
  alerts: slack
  journeys:
    - just a string
    - name: j
      retries: many
      steps:
        - 42
        - { nothing: here }
        - { request: FETCH /x }
        - { click: { timeout: 1s } }
        - { goto: /a, click: "#b" }
        - request: GET /ok
          headers: [a, b]
          expect: 200
`;
  const c = build(text);
  const problems = c.problems ?? [];
  const said = (re: RegExp) =>
    assert.ok(
      problems.some((p) => re.test(p.message)),
      `a problem matches ${re}: ${problems.map((p) => p.message).join(' | ')}`,
    );
  said(/base_url. should be a text value/);
  said(/frequency.*not a duration/);
  said(/locations. should be a list/);
  said(/alerts. should be a list/);
  said(/each journey should be a map/);
  said(/retries. should be a whole number/);
  said(/a step should be a map/);
  said(/this step has no action/);
  said(/FETCH. is not an HTTP method/);
  said(/click. is missing its selector/);
  said(/a step does one thing/);
  said(/headers. should be a map/);
  said(/expect. should be a map/);
  assert.equal(c.journeys.length, 1);
  const j = c.journeys[0];
  assert.deepEqual(
    j.steps.map((s) => s.spec.kind),
    ['goto', 'request'],
  );
  assert.ok(problems.filter((p) => p.journeyIndex === 0).length >= 6, 'problems inside the journey name it');
  for (const p of problems) assert.ok(p.ref.offset >= 0 && p.ref.offset + p.ref.length <= text.length);
});

test('no journeys, a null synthetic and aliases do not throw', () => {
  assert.deepEqual(build('synthetic:\n').journeys, []);
  assert.equal(build('synthetic:\n').problems?.length, 1);
  const aliased = `synthetic:
  alerts: &a
    - channel: slack:#x
  journeys:
    - name: a
      alerts: *a
      steps: [{ request: GET / }]
`;
  assert.equal(build(aliased).journeys[0].alerts[0].channel, 'slack:#x');
  const bomb = `x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
synthetic:
  journeys:
    - name: bomb
      steps:
        - request: POST /x
          body: { a: *d, b: *d, c: *d }
`;
  const c = build(bomb);
  assert.equal(c.journeys[0].steps.length, 1);
  assert.equal((c.journeys[0].steps[0].spec as RequestStep).body, undefined);
  assert.ok(c.problems?.some((p) => /expands to more than/.test(p.message)));
});

test('finds the synthetic document of a multi-document file', () => {
  const text = 'canary:\n  steps: [1]\n---\nsynthetic:\n  journeys:\n    - name: second\n      steps: [{ goto: / }]\n';
  const file = parseFile(text);
  assert.equal(buildSyntheticConfig(file.documents[0], file), undefined);
  const c = buildSyntheticConfig(file.documents[1], file);
  assert.equal(c?.docIndex, 1);
  assert.equal(c?.journeys[0].name, 'second');
  assert.equal(c?.journeys[0].kind, 'browser');
});
