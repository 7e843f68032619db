import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServices } from '../../../src/demo/demoServices';
import { parseExposition } from '../../../src/core/canary/exposition';

test('demo services: /metrics per track, a control API with checked values, loopback only', async (t) => {
  const demo = await startDemoServices({ stablePort: 0, canaryPort: 0 });
  t.after(() => demo.close());
  assert.match(demo.stable.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(demo.stable.port, demo.canary.port);

  const metrics = await fetch(demo.canary.metricsUrl);
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const e = parseExposition(await metrics.text());
  assert.equal(e.skippedLines, 0);
  assert.ok(e.samples.some((s) => s.name === 'demo_track_info' && s.labels.track === 'canary'));

  const post = (path: string) => fetch(`${demo.canary.url}${path}`, { method: 'POST' });
  assert.equal((await post('/control/error-rate?value=12.5')).status, 200);
  assert.equal((await post('/control/latency?value=400')).status, 200);
  assert.equal((await post('/control/weight?value=50')).status, 200);
  const state = (await (await fetch(`${demo.stable.url}/control`)).json()) as {
    track: string;
    settings: { canaryWeight: number; canary: { errorRate: number; latencyMs: number }; stable: { errorRate: number } };
  };
  assert.equal(state.track, 'stable');
  assert.equal(state.settings.canaryWeight, 50);
  assert.deepEqual(state.settings.canary, { errorRate: 12.5, latencyMs: 400 });
  assert.equal(state.settings.stable.errorRate, 0.3, 'the stable track keeps its own error rate');

  for (const bad of [
    '/control/error-rate?value=101',
    '/control/error-rate?value=',
    '/control/error-rate',
    '/control/weight?value=-1',
    '/control/latency?value=0',
    '/control/explode?value=1',
  ]) {
    const r = await post(bad);
    assert.equal(r.status, 400, bad);
    assert.match(await r.text(), /POST \/control\/error-rate\?value=0\.\.100/);
  }
  assert.equal((await fetch(`${demo.canary.url}/control/error-rate?value=1`)).status, 405);
  assert.equal((await fetch(`${demo.canary.url}/nope`)).status, 404);
});

test('demo services: a port in use is a message that says what to do', async (t) => {
  const first = await startDemoServices({ stablePort: 0, canaryPort: 0 });
  t.after(() => first.close());
  await assert.rejects(
    startDemoServices({ stablePort: 0, canaryPort: first.canary.port }),
    /already in use.*RELEASE_SAFETY_DEMO_CANARY_PORT/,
  );
});
