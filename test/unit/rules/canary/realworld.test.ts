/**
 * The canary rules over real manifests nobody on this project wrote (../shared/realworld, see its
 * README for what a careful linter says about them). Skips cleanly where the folder is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseFile } from '../../../../src/core/parse/parseFile';
import { ProjectIndex } from '../../../../src/core/project/projectIndex';
import { join, resolve } from 'node:path';
import { lintText } from '../../../../src/core/lint/engine';
import { canaryRules } from '../../../../src/core/lint/rules/canary/index';

const DIR = [resolve('../shared/realworld'), '/work/shared/realworld'].find((d) => existsSync(d));

/** The folder's files are linted together, as `release-safety lint DIR` does: references resolve across them. */
function project(): ProjectIndex {
  const index = new ProjectIndex();
  for (const name of readdirSync(DIR!))
    if (name.endsWith('.yaml')) index.setParsed(name, parseFile(readFileSync(join(DIR!, name), 'utf8')));
  return index;
}

function lintReal(name: string): { text: string; findings: Array<{ rule: string; text: string; line: number }> } {
  const text = readFileSync(join(DIR!, name), 'utf8');
  const result = lintText(text, { rules: canaryRules, project: { index: project(), file: name } });
  assert.deepEqual(result.internalErrors, []);
  return {
    text,
    findings: result.findings.map((f) => ({
      rule: f.rule,
      text: text.slice(f.offset, f.offset + f.length),
      line: text.slice(0, f.offset).split('\n').length,
    })),
  };
}

const rules = (fs: Array<{ rule: string }>) => fs.map((f) => f.rule).sort();

test(
  'argo rollout-canary: big first step, endless pause, no rollback, nobody told',
  { skip: !DIR && 'no ../shared/realworld here' },
  () => {
    const { findings } = lintReal('argo-rollouts__examples__rollout-canary.yaml');
    assert.deepEqual(rules(findings), [
      'canary/big-first-step',
      'canary/endless-pause',
      'canary/missing-alerts',
      'canary/missing-rollback',
    ]);
    const by = Object.fromEntries(findings.map((f) => [f.rule, f]));
    assert.deepEqual(by['canary/big-first-step'], { rule: 'canary/big-first-step', text: '20', line: 28 });
    assert.deepEqual(by['canary/endless-pause'], { rule: 'canary/endless-pause', text: 'pause: {}', line: 31 });
    assert.deepEqual(by['canary/missing-rollback'], { rule: 'canary/missing-rollback', text: 'canary', line: 26 });
    assert.deepEqual(by['canary/missing-alerts'], { rule: 'canary/missing-alerts', text: 'canary', line: 26 });
  },
);

test(
  'argo with an analysis step: rollback is automated; first step 25% is big',
  { skip: !DIR && 'no ../shared/realworld here' },
  () => {
    const { findings } = lintReal('argo-rollouts__examples__rollout-analysis-step.yaml');
    assert.deepEqual(rules(findings), ['canary/big-first-step', 'canary/missing-alerts']);
    assert.equal(findings.find((f) => f.rule === 'canary/big-first-step')!.text, '25');
  },
);

test(
  'argo with background analysis: rollback is automated; first step 25%; pause: {} waits',
  { skip: !DIR && 'no ../shared/realworld here' },
  () => {
    const { findings } = lintReal('argo-rollouts__examples__rollout-background-analysis.yaml');
    assert.deepEqual(rules(findings), ['canary/big-first-step', 'canary/endless-pause', 'canary/missing-alerts']);
  },
);

test(
  'argo AnalysisTemplates: random-fail runs in an analysis step with no count, so that step can only end by failing',
  { skip: !DIR && 'no ../shared/realworld here' },
  () => {
    // This copy predates upstream's fix: argo-rollouts' current examples/analysis-templates.yaml
    // gives random-fail "count: 2" for exactly this reason.
    assert.deepEqual(lintReal('argo-rollouts__examples__analysis-templates.yaml').findings, [
      { rule: 'canary/missing-count', text: '5s', line: 39 },
    ]);
  },
);

test(
  'flagger skipper canary: metrics and webhooks present, stepWeight 10 is big, no alerts, 15s metric windows',
  { skip: !DIR && 'no ../shared/realworld here' },
  () => {
    const { findings } = lintReal('flagger__test__e2e-skipper-canary.yaml');
    // analysis.interval (15s, line 31) is only the schedule; each metric reads a 15s window of data,
    // below the minute a check needs: an e2e test's setting.
    assert.deepEqual(rules(findings), [
      'canary/big-first-step',
      'canary/missing-alerts',
      'canary/short-interval',
      'canary/short-interval',
    ]);
    const by = Object.fromEntries(findings.map((f) => [f.rule, f]));
    assert.deepEqual(by['canary/big-first-step'], { rule: 'canary/big-first-step', text: '10', line: 34 });
    assert.deepEqual(by['canary/missing-alerts'], { rule: 'canary/missing-alerts', text: 'analysis', line: 30 });
    assert.deepEqual(
      findings.filter((f) => f.rule === 'canary/short-interval').map((f) => [f.text, f.line]),
      [
        ['15s', 37],
        ['15s', 43],
      ],
    );
  },
);
