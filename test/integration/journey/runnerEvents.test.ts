/**
 * The runner's events carry the journeys and steps given to `run`, by identity, so a listener (the
 * Test Explorer) maps them to its items even when journeys share a name and run at once; the
 * results handed to listeners are redacted like the final result.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../../src/core/journey/runner';
import type { StepResult } from '../../../src/core/journey/result';
import type { Journey, Step } from '../../../src/core/synthetic/model';
import { apiFile, journeysOf } from './helpers';
import { json, startHttp, type TestServer } from './servers';

let server: TestServer;

describe('runner events', () => {
  before(async () => {
    server = await startHttp({
      '/slow': async (_req, res) => {
        await new Promise((r) => setTimeout(r, 30));
        json(res, 200, { ok: true });
      },
      '/echo': (req, res) => json(res, 500, { got: req.headers.authorization }),
    });
  });
  after(() => server.close());

  it('carry the very Journey and Step objects, also for journeys of one name run at once', async () => {
    const text = apiFile(
      server.url,
      `        - request: GET /slow\n          expect: { status: 200 }\n        - request: GET /slow\n          expect: { status: 200 }\n`,
    );
    const journeys = [...journeysOf(text), ...journeysOf(text), ...journeysOf(text)];
    assert.equal(new Set(journeys.map((j) => j.name)).size, 1, 'all three share one name');
    const started: Journey[] = [];
    const steps = new Map<Journey, Step[]>();
    const finished = new Map<Journey, string>();
    await run(
      journeys,
      { concurrency: 3 },
      {
        journeyStarted: (j) => started.push(j),
        stepStarted: (j, s) => steps.set(j, [...(steps.get(j) ?? []), s]),
        journeyFinished: (r, j) => finished.set(j, r.status),
      },
    );
    assert.deepEqual(new Set(started), new Set(journeys), 'each journey object started once');
    assert.equal(started.length, 3);
    for (const j of journeys) {
      assert.deepEqual(steps.get(j), j.steps, 'its own step objects, in order');
      assert.equal(finished.get(j), 'passed');
    }
  });

  it('hand listeners redacted results', async () => {
    const text = apiFile(
      server.url,
      `        - request: GET /echo\n          headers: { Authorization: "Bearer \${secret:TOKEN}" }\n          expect: { status: 200 }\n`,
    );
    const seen: StepResult[] = [];
    let journeyText = '';
    const result = await run(
      journeysOf(text),
      { secrets: () => 'sup3r-s3cret-value' },
      {
        stepFinished: (_j, s) => seen.push(s),
        journeyFinished: (r) => void (journeyText = JSON.stringify(r)),
      },
    );
    assert.equal(result.status, 'failed');
    assert.equal(seen.length, 1);
    assert.match(seen[0]!.error?.message ?? '', /500/);
    assert.doesNotMatch(JSON.stringify(seen), /sup3r-s3cret-value/);
    assert.ok(journeyText.length > 0);
    assert.doesNotMatch(journeyText, /sup3r-s3cret-value/);
  });
});
