import { runRuleTests } from '../ruleTester';
import { missingRollback } from '../../../../src/core/lint/rules/canary/missing-rollback';
import { GOOD, GOOD_FLAGGER, argo, flagger, native } from './fixtures';

const BLUE_GREEN =
  'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: checkout\nspec:\n  strategy:\n    blueGreen:\n      activeService: checkout-active\n      previewService: checkout-preview\n';
const SKIPPED = GOOD_FLAGGER.replace('  analysis:\n', '  skipAnalysis: true\n  analysis:\n');
const ANALYSIS_BG = '      analysis:\n        templates:\n        - templateName: success-rate\n';

runRuleTests(missingRollback, {
  valid: [
    ...GOOD,
    {
      name: 'argo: an analysis step instead of a background one',
      code: argo(ANALYSIS_BG, '').replace(
        '      - setWeight: 100\n',
        '      - analysis:\n          templates:\n          - templateName: success-rate\n      - setWeight: 100\n',
      ),
    },
    {
      name: 'argo blueGreen: a human promotes',
      code: BLUE_GREEN.replace(
        '      previewService: checkout-preview\n',
        '      previewService: checkout-preview\n      autoPromotionEnabled: false\n',
      ),
    },
    {
      name: 'argo blueGreen: a post-promotion analysis',
      code: BLUE_GREEN + '      postPromotionAnalysis:\n        templates:\n        - templateName: smoke\n',
    },
    {
      name: 'flagger: skipAnalysis false',
      code: GOOD_FLAGGER.replace('  analysis:\n', '  skipAnalysis: false\n  analysis:\n'),
    },
    {
      name: 'argo: an experiment step with analyses',
      code: argo(ANALYSIS_BG, '').replace(
        '      - setWeight: 100\n',
        '      - experiment:\n          duration: 10m\n          templates:\n          - name: c\n            specRef: canary\n          analyses:\n          - name: a\n            templateName: success-rate\n      - setWeight: 100\n',
      ),
    },
    {
      name: 'flagger: webhooks only',
      code: flagger(
        '    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '    webhooks:\n    - name: smoke\n      url: http://loadtester.test/\n',
      ),
    },
  ],
  invalid: [
    {
      // A post-rollout hook only reports and a confirm-rollout hook waits for a human: neither
      // counts towards "threshold", so nothing rolls the Canary back (Flagger scheduler_hooks.go).
      name: 'flagger: only hooks that cannot fail the Canary',
      code: flagger(
        '    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '    webhooks:\n    - name: gate\n      type: confirm-rollout\n      url: http://loadtester.test/gate/check\n    - name: notify\n      type: post-rollout\n      url: http://loadtester.test/\n',
      ),
      errors: [{ text: 'analysis', messageId: 'flaggerNoChecks' }],
    },
    {
      name: 'native: on_failure missing, the fix adds it after the last entry',
      code: native('  on_failure: rollback\n', ''),
      errors: [{ text: 'canary', messageId: 'nativeMissing' }],
      output: native('  on_failure: rollback\n', '').replace(
        '      on: [breach, rollback]\n',
        '      on: [breach, rollback]\n  on_failure: rollback\n',
      ),
    },
    {
      name: 'native: on_failure pause is replaced in place, keeping its comment',
      code: native('  on_failure: rollback\n', '  on_failure: pause # for now\n'),
      errors: [
        {
          text: 'pause',
          messageId: 'nativeValue',
          message:
            '"on_failure: pause" leaves a failing canary serving users until someone acts. Use "on_failure: rollback" so a breached gate sends traffic back to the stable version.',
        },
      ],
      output: native('  on_failure: rollback\n', '  on_failure: rollback # for now\n'),
    },
    {
      name: 'native: a quoted alert value',
      code: 'canary:\n  on_failure: "alert"\n',
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 22, messageId: 'nativeValue' }],
      output: 'canary:\n  on_failure: rollback\n',
    },
    {
      name: 'native: an empty on_failure points at its key, the fix fills it',
      code: 'canary:\n  on_failure:\n  steps: [1, 100]\n',
      errors: [{ text: 'on_failure', messageId: 'nativeMissing' }],
      output: 'canary:\n  on_failure: rollback\n  steps: [1, 100]\n',
    },
    {
      name: 'native: an empty canary gets its first entry',
      code: 'canary: # todo\n',
      errors: [{ offset: 0, length: 6 }],
      output: 'canary: # todo\n  on_failure: rollback\n',
    },
    {
      name: 'native: a flow map',
      code: 'canary: {steps: [1, 100], interval: 5m}\n',
      errors: [{ text: 'canary' }],
      output: 'canary: {steps: [1, 100], interval: 5m, on_failure: rollback}\n',
    },
    {
      name: 'native: an aliased canary map gets no automatic fix',
      code: 'base: &b\n  steps: [1, 100]\ncanary: *b\n',
      errors: [{ text: 'canary' }],
      output: null,
    },
    {
      name: 'argo: no analysis at all points at the canary key',
      code: argo(ANALYSIS_BG, ''),
      errors: [{ text: 'canary', messageId: 'argoNoAnalysis' }],
      output: null,
    },
    {
      name: 'flagger: no metrics and no webhooks points at analysis',
      code: flagger(
        '    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n',
        '',
      ),
      errors: [{ text: 'analysis', messageId: 'flaggerNoChecks' }],
      output: null,
    },
    {
      name: 'flagger: no analysis section points at spec',
      code: 'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  targetRef: {name: x}\n',
      errors: [{ text: 'spec', messageId: 'flaggerNoChecks' }],
    },
    {
      // Pattern of argoproj/rollouts-demo examples/analysis/rollout-with-analysis.yaml.
      name: 'argo: the obsolete analysis.templateName form runs nothing',
      code: argo(ANALYSIS_BG, '      analysis:\n        templateName: success-rate\n'),
      errors: [
        {
          text: 'analysis',
          after: 'canary:\n',
          messageId: 'argoObsoleteTemplateName',
          message: /Write "templates: - templateName: success-rate" instead/,
        },
      ],
    },
    {
      name: 'argo: an analysis whose templates list is empty runs nothing',
      code: argo(ANALYSIS_BG, '      analysis:\n        templates: []\n'),
      errors: [{ text: 'analysis', after: 'canary:\n', messageId: 'argoNoTemplates' }],
      output: null,
    },
    {
      // Pattern of argoproj/argo-rollouts examples/rollout-bluegreen.yaml: autoPromotionEnabled
      // false is written there; without it and without analysis the switch is unchecked.
      name: 'argo blueGreen: no promotion analysis and automatic promotion',
      code: BLUE_GREEN,
      errors: [{ text: 'blueGreen', messageId: 'argoBlueGreen' }],
      output: null,
      suggestions: [
        [
          {
            title: 'Set autoPromotionEnabled: false (a human promotes)',
            output: BLUE_GREEN.replace(
              '      previewService: checkout-preview\n',
              '      previewService: checkout-preview\n      autoPromotionEnabled: false\n',
            ),
          },
        ],
      ],
    },
    {
      // Pattern of fluxcd/flagger docs (usage/deployment-strategies.md): skipAnalysis for emergencies.
      name: 'flagger: skipAnalysis true promotes without checks',
      code: SKIPPED,
      errors: [{ text: 'true', after: 'skipAnalysis: ', messageId: 'flaggerSkipAnalysis' }],
      output: null,
      suggestions: [
        [{ title: 'Set skipAnalysis: false', output: SKIPPED.replace('skipAnalysis: true', 'skipAnalysis: false') }],
      ],
    },
  ],
});
