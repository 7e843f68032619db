import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { SCHEMAS } from '../../../src/core/schema/schemaValidator';
import { parsePointer } from '../../../src/core/schema/ajvErrorMapping';
import { closest, editDistance } from '../../../src/core/schema/didYouMean';
import { lintText } from '../../../src/core/lint/engine';
import { schemaRules } from '../../../src/core/lint/rules/schema/index';
import { syntheticRules } from '../../../src/core/lint/rules/synthetic/index';

const SPEC_CANARY = `canary:
  service: checkout                 # shown in the panel and the status bar
  steps: [1, 5, 25, 50, 100]        # percent of traffic per stage, strictly increasing, 0 < p <= 100
  interval: 5m                      # how long each stage is watched: 30s, 5m, 1h, 1h30m
  metrics:
    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= baseline * 1.1"
  on_failure: rollback              # rollback | pause | alert
  failure_limit: 1                  # breaching checks tolerated before on_failure acts (default 0)
  min_requests: 100                 # per check; fewer requests => verdict "inconclusive", never "healthy"
  alerts:                           # who hears about it: a list of channels
    - channel: slack:#checkout-deploys
      on: [breach, rollback]        # default: all events
  source:                           # where live status comes from (optional; see 2.3)
    scrape:
      canary: http://canary.checkout.internal:8080/metrics
      baseline: http://stable.checkout.internal:8080/metrics
`;

const SPEC_SYNTHETIC = `synthetic:
  base_url: https://app.example.com    # defaults that every journey inherits
  frequency: 60s
  locations: [us-east, eu-west, ap-south]
  alerts:
    - channel: pagerduty:web-oncall
  journeys:
    - name: user can log in and see dashboard
      steps:
        - goto: /login
        - fill: { selector: "#email", value: "\${env:SYNTHETIC_USER}" }
        - fill: { selector: "#password", value: "\${secret:SYNTHETIC_PASS}" }
        - click: "#submit"
        - expect_visible: { selector: "#dashboard", timeout: 5s }
        - expect_load_time: "< 3s"
    - name: checkout API is healthy
      steps:
        - request: GET /api/health
          expect:
            status: 200                 # or [200, 204] or "2xx"
            latency: "< 500ms"
            json: { "$.status": "ok" }  # JSONPath -> expected value
            body_contains: ok
            headers: { content-type: application/json }
        - request: POST /api/cart
          side_effects: sandbox         # required for any method but GET/HEAD/OPTIONS: says it is safe
          headers: { Authorization: "Bearer \${secret:API_TOKEN}" }
          body: { sku: TEST-SKU-1, qty: 1 }
          capture: { cart_id: "$.id" }  # later steps use \${cart_id}
          expect: { status: 201 }
`;

test('the examples of spec §2.1 and §2.2 are clean for the schema and synthetic rules', () => {
  for (const text of [SPEC_CANARY, SPEC_SYNTHETIC, `${SPEC_CANARY}---\n${SPEC_SYNTHETIC}`]) {
    const r = lintText(text, { rules: [...schemaRules, ...syntheticRules] });
    assert.deepEqual(r.internalErrors, []);
    assert.deepEqual(r.findings.map((f) => `${f.rule}: ${f.message}`), []);
  }
});

test('a broken copy of the spec example is caught by the schema', () => {
  const broken = SPEC_SYNTHETIC.replace('expect_visible:', 'expect_visibel:').replace('frequency: 60s', 'frequency: 60');
  const findings = lintText(broken, { rules: schemaRules }).findings;
  assert.deepEqual(findings.map((f) => [f.rule, f.message]), [
    ['schema/wrong-type', '`frequency` should be text, not a whole number: a duration such as 500ms, 30s, 5m, 1h or 1h30m.'],
    ['schema/unknown-key', '`expect_visibel` is not a key of a step; did you mean `expect_visible`?'],
  ]);
});

test('the schemas are valid draft-07 and every property has a description (for hover)', () => {
  const ajv = new Ajv({ strict: false });
  for (const [kind, schema] of Object.entries(SCHEMAS)) {
    assert.equal(ajv.validateSchema(schema), true, `${kind}: ${ajv.errorsText()}`);
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props) {
        for (const [key, child] of Object.entries(props)) {
          const c = child as { description?: string; $ref?: string };
          if (!c.description && !c.$ref) missing.push(`${path}/${key}`);
        }
      }
      for (const [k, v] of Object.entries(node)) if (typeof v === 'object') walk(v, `${path}/${k}`);
    };
    walk(schema, kind);
    assert.deepEqual(missing, [], `${kind}: properties without a description`);
    assert.ok(JSON.stringify(schema).includes('"additionalProperties":false'));
  }
  // Closed where the spec is closed, with the enums the editor completes from.
  const canary = SCHEMAS.canary as unknown as { properties: { canary: { properties: { on_failure: { enum: string[] } } } } };
  assert.deepEqual(canary.properties.canary.properties.on_failure.enum, ['rollback', 'pause', 'alert']);
});

test('JSON pointers and did-you-mean', () => {
  assert.deepEqual(parsePointer('/synthetic/journeys/0/steps/12/a~1b~0c'), ['synthetic', 'journeys', 0, 'steps', 12, 'a/b~c']);
  assert.deepEqual(parsePointer(''), []);
  assert.equal(closest('intervall', ['service', 'interval', 'steps']), 'interval');
  assert.equal(closest('on_failur', ['on_failure', 'alerts']), 'on_failure');
  assert.equal(closest('stpes', ['steps', 'service']), 'steps');
  assert.equal(closest('colour', ['name', 'threshold', 'query', 'unit']), undefined);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});
