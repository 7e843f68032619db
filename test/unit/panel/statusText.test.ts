import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from '../../../src/extension/panel/statusText';
import type { CanaryReading } from '../../../src/core/canary/reading';

function reading(verdict: CanaryReading['verdict'], over: Partial<CanaryReading> = {}): CanaryReading {
  return {
    service: 'checkout',
    verdict,
    reason: 'error-rate 0.2% is within 1%',
    at: 1,
    dataAt: 1,
    windowMs: 1,
    warmingUp: false,
    source: { kind: 'scrape', description: 'scrape', error: null, notes: [] },
    weight: 25,
    share: 24.8,
    step: 3,
    steps: [1, 5, 25, 50, 100],
    timeInStepMs: 1,
    intervalMs: 2,
    requests: { canary: null, baseline: null },
    minRequests: null,
    failureLimit: 0,
    metrics: [
      {
        name: 'error-rate',
        unit: '%',
        canary: 0.2,
        baseline: 0.25,
        threshold: '<= 1%',
        limit: 1,
        pass: true,
        phase: 'pass',
        consecutiveFailures: 0,
        message: null,
      },
    ],
    budget: null,
    ...over,
  };
}

test('the label and its background follow the verdict; only healthy and promoted are uncolored', () => {
  const cases: [CanaryReading['verdict'], boolean, string, string][] = [
    ['healthy', false, '$(pulse) checkout 25% · healthy', 'none'],
    ['promoted', false, '$(pulse) checkout 25% · promoted', 'none'],
    ['breach', false, '$(pulse) checkout 25% · breach', 'error'],
    ['stale', false, '$(pulse) checkout 25% · stale', 'warning'],
    ['inconclusive', false, '$(pulse) checkout 25% · inconclusive', 'warning'],
    ['healthy', true, '$(pulse) checkout 25% · healthy, paused', 'warning'],
  ];
  for (const [verdict, paused, text, tone] of cases) {
    const s = statusText('checkout', reading(verdict), paused);
    assert.equal(s.text, text);
    assert.equal(s.tone, tone, `${verdict}${paused ? ' paused' : ''}`);
  }
  assert.equal(statusText('checkout', undefined, false).text, '$(pulse) checkout · waiting for data');
  // An Argo/Flagger analysis watch knows no weight: none is shown (not "?%").
  const analysis = statusText('podinfo', reading('breach', { service: 'podinfo', weight: null }), false);
  assert.equal(analysis.text, '$(pulse) podinfo · breach');
  assert.ok(analysis.tooltip.startsWith('**podinfo**: **breach**'), analysis.tooltip);
});

test('the tooltip lists the gates with values escaped', () => {
  const s = statusText(
    '<b>svc</b>',
    reading('breach', {
      reason: 'bad | [link](http://x) *bold*',
      metrics: [
        {
          name: '<img src=x onerror=alert(1)>|x',
          unit: 'ms',
          canary: 250,
          baseline: 200,
          threshold: '<= baseline * 1.1',
          limit: 220,
          pass: false,
          phase: 'fail',
          consecutiveFailures: 1,
          message: null,
        },
      ],
      source: { kind: 'scrape', description: 'scrape', error: 'timeout `after` 5s', notes: [] },
    }),
    false,
  );
  assert.ok(!s.tooltip.includes('<img'), 'no raw HTML');
  assert.ok(s.tooltip.includes('&lt;img src=x onerror=alert\\(1\\)&gt;\\|x'));
  assert.ok(s.tooltip.includes('\\[link\\]\\(http://x\\)'));
  assert.ok(s.tooltip.includes('| 250 ms | 200 ms | <= 220 ms |'.replace(/<=/g, '&lt;=')));
  assert.ok(s.tooltip.includes('| fail |'));
  assert.ok(s.tooltip.includes('Source: timeout \\`after\\` 5s'));
  assert.equal(
    s.tooltip.split('\n').filter((l) => l.startsWith('|')).length,
    3,
    'one row per gate, no row split by a "|" in a name',
  );
});

test('a service name cannot inject status-bar icons or new lines', () => {
  const s = statusText('evil $(error)\nname', reading('healthy'), false);
  assert.ok(!s.text.includes('$(error)'));
  assert.ok(!s.text.includes('\n'));
});
