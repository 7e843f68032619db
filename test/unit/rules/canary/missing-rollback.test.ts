import { runRuleTests } from '../ruleTester';
import { missingRollback } from '../../../../src/core/lint/rules/canary/missing-rollback';
import { GOOD, argo, flagger, native } from './fixtures';

const ANALYSIS_BG = '      analysis:\n        templates:\n        - templateName: success-rate\n';

runRuleTests(missingRollback, {
  valid: [
    ...GOOD,
    { name: 'argo: an analysis step instead of a background one', code: argo(ANALYSIS_BG, '').replace('      - setWeight: 100\n', '      - analysis:\n          templates:\n          - templateName: success-rate\n      - setWeight: 100\n') },
    { name: 'flagger: webhooks only', code: flagger('    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n', '    webhooks:\n    - name: smoke\n      url: http://loadtester.test/\n') },
  ],
  invalid: [
    {
      name: 'native: on_failure missing, the fix adds it after the last entry',
      code: native('  on_failure: rollback\n', ''),
      errors: [{ text: 'canary', message: /Nothing rolls this canary back automatically\. Add "on_failure: rollback"/ }],
      output: native('  on_failure: rollback\n', '').replace('      on: [breach, rollback]\n', '      on: [breach, rollback]\n  on_failure: rollback\n'),
    },
    {
      name: 'native: on_failure pause is replaced in place, keeping its comment',
      code: native('  on_failure: rollback\n', '  on_failure: pause # for now\n'),
      errors: [{ text: 'pause', message: '"on_failure: pause" leaves a failing canary serving users until someone acts. Use "on_failure: rollback" so a breached gate sends traffic back to the stable version.' }],
      output: native('  on_failure: rollback\n', '  on_failure: rollback # for now\n'),
    },
    {
      name: 'native: a quoted alert value',
      code: 'canary:\n  on_failure: "alert"\n',
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 22 }],
      output: 'canary:\n  on_failure: rollback\n',
    },
    {
      name: 'native: an empty on_failure points at its key, the fix fills it',
      code: 'canary:\n  on_failure:\n  steps: [1, 100]\n',
      errors: [{ text: 'on_failure', message: /Nothing rolls/ }],
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
      errors: [{ text: 'canary', message: /no analysis, so nothing aborts a bad version/ }],
      output: null,
    },
    {
      name: 'flagger: no metrics and no webhooks points at analysis',
      code: flagger('    metrics:\n    - name: request-success-rate\n      thresholdRange:\n        min: 99\n      interval: 1m\n    - name: request-duration\n      thresholdRange:\n        max: 500\n      interval: 1m\n', ''),
      errors: [{ text: 'analysis', message: /no analysis metrics or webhooks/ }],
      output: null,
    },
    {
      name: 'flagger: no analysis section points at spec',
      code: 'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  targetRef: {name: x}\n',
      errors: [{ text: 'spec' }],
    },
  ],
});
