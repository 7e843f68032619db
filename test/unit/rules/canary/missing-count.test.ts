import { runRuleTests } from '../ruleTester';
import { missingCount } from '../../../../src/core/lint/rules/canary/missing-count';
import { BACKGROUND, files, rollout, template } from './templateFixtures';

const ENDLESS = '    interval: 1m\n    failureLimit: 1\n    successCondition: result[0] >= 0.99\n';
const STEP = '      - setWeight: 5\n      - analysis:\n          templates:\n          - templateName: success-rate\n';
const blueGreen = (key: string) =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  strategy:\n    blueGreen:\n      activeService: a\n      ${key}:\n        templates:\n        - templateName: success-rate\n`;

runRuleTests(missingCount, {
  valid: [
    { name: 'a template nobody here runs', code: template('success-rate', ENDLESS) },
    // Pattern of argoproj/argo-rollouts examples/rollout-background-analysis.yaml: a background
    // analysis measures for as long as the rollout lasts; that is what it is for.
    {
      name: 'run in the background',
      code: files(rollout(BACKGROUND('success-rate')), template('success-rate', ENDLESS)),
    },
    { name: 'a step analysis with a count', code: files(rollout('', STEP), template('success-rate')) },
    {
      name: 'a step analysis waiting for consecutive successes',
      code: files(rollout('', STEP), template('success-rate', ENDLESS + '    consecutiveSuccessLimit: 3\n')),
    },
    {
      name: 'two templates of that name (unrelated snippets): which one runs cannot be told',
      code: files(rollout('', STEP), template('success-rate', ENDLESS), template('success-rate')),
    },
    {
      name: 'a single measurement (no interval)',
      code: files(
        rollout('', STEP),
        template('success-rate', '    failureLimit: 0\n    successCondition: result[0] >= 0.99\n'),
      ),
    },
  ],
  invalid: [
    {
      // Pattern of argoproj/argo-rollouts examples/rollout-analysis-step.yaml with the template's
      // count left out: the step waits for a run that only ends by failing.
      name: 'an analysis step runs it: reported at the interval',
      code: files(rollout('', STEP), template('success-rate', ENDLESS)),
      errors: [
        {
          text: '1m',
          after: 'interval: ',
          messageId: 'endless',
          message: /an analysis step \(in this file\) waits for it/,
        },
      ],
    },
    {
      name: 'a blue-green pre-promotion analysis runs it',
      code: files(blueGreen('prePromotionAnalysis'), template('success-rate', ENDLESS)),
      errors: [{ text: '1m', after: 'interval: ', messageId: 'endless', message: /a pre-promotion analysis/ }],
    },
  ],
});
