/** schema/* on Argo Rollouts and Flagger documents: real patterns pass, the silent mistakes do not. */
import { runRuleTests } from '../ruleTester';
import { unknownKey } from '../../../../src/core/lint/rules/schema/unknown-key';
import { wrongType } from '../../../../src/core/lint/rules/schema/wrong-type';
import { missingKey } from '../../../../src/core/lint/rules/schema/missing-key';
import { invalidValue } from '../../../../src/core/lint/rules/schema/invalid-value';
import {
  ARGO_BLUE_GREEN,
  ARGO_CANARY,
  ARGO_EXPERIMENT,
  ARGO_TEMPLATE,
  FLAGGER_ALERT_PROVIDER,
  FLAGGER_CANARY,
  FLAGGER_METRIC_TEMPLATE,
  rollout,
} from './argoFlaggerCases';

const REAL = [
  ARGO_CANARY,
  ARGO_BLUE_GREEN,
  ARGO_TEMPLATE,
  ARGO_TEMPLATE.replace('kind: AnalysisTemplate', 'kind: ClusterAnalysisTemplate'),
  ARGO_EXPERIMENT,
  FLAGGER_CANARY,
  FLAGGER_METRIC_TEMPLATE,
  FLAGGER_ALERT_PROVIDER,
];
const valid = [
  ...REAL,
  // a kustomize patch is a partial Rollout: nothing is required at the top (argoproj/argo-rollouts test/kustomize)
  'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: app\nspec:\n  replicas: 3\n',
  // a key left empty is dropped by the API server, not refused (fluxcd/flagger docs/gitbook/usage/metrics.md skeleton)
  'apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nspec:\n  provider:\n    type: # prometheus, datadog ...\n    address:\n  query:\n',
  // a YAML merge key is not a typo
  'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n  - &m\n    name: a\n    provider: {prometheus: {query: q}}\n  - <<: *m\n    name: b\n', // a label selector with expressions, as Kubernetes' LabelSelector has it
  rollout('    canary:\n      steps: [{setWeight: 5}]\n').replace(
    '    matchLabels: {app: app}\n',
    '    matchLabels: {app: app}\n    matchExpressions:\n    - {key: tier, operator: In, values: [web, api]}\n',
  ),
];

runRuleTests(unknownKey, {
  valid,
  invalid: [
    {
      name: 'a misspelt step kind: the step is dropped and the timeline quietly changes',
      code: rollout('    canary:\n      steps:\n      - setWieght: 5\n      - pause: {duration: 10m}\n'),
      errors: [{ messageId: 'unknownGuess', text: 'setWieght' }],
      suggestions: [
        [
          {
            title: 'Change to `setWeight`',
            output: rollout('    canary:\n      steps:\n      - setWeight: 5\n      - pause: {duration: 10m}\n'),
          },
        ],
      ],
    },
    {
      // Reproduces argoproj/argo-rollouts docs/features/hpa-support.md and
      // argoproj-labs/rollouts-plugin-trafficrouter-openshift README.md: the label lost its indent
      // under matchLabels. The API server drops it, the selector is empty, Argo refuses the Rollout.
      name: 'a label written beside matchLabels instead of under it',
      code: rollout('    canary:\n      steps: [{setWeight: 5}]\n').replace(
        '    matchLabels: {app: app}\n',
        '    matchLabels:\n    app: app\n',
      ),
      errors: [{ messageId: 'unknownList', line: 9, column: 5, endLine: 9, endColumn: 8 }],
    },
    {
      name: 'templatName in a step analysis (argoproj/argo-rollouts examples/analysis pattern, misspelt)',
      code: rollout(
        '    canary:\n      steps:\n      - analysis:\n          templates:\n          - templatName: smoke\n',
      ),
      errors: [{ messageId: 'unknownGuess', text: 'templatName' }],
      suggestions: [
        [
          {
            output: rollout(
              '    canary:\n      steps:\n      - analysis:\n          templates:\n          - templateName: smoke\n',
            ),
          },
        ],
      ],
    },
    {
      name: 'thresold in a Flagger metric',
      code: FLAGGER_CANARY.replace('threshold: 5', 'thresold: 5'),
      errors: [{ messageId: 'unknownGuess', text: 'thresold' }],
      suggestions: [[{ output: FLAGGER_CANARY }]],
    },
    {
      name: 'the obsolete analysis.templateName (argoproj/rollouts-demo examples/analysis/rollout-with-analysis.yaml)',
      code: rollout(
        '    canary:\n      analysis:\n        templateName: success-rate\n      steps:\n      - setWeight: 5\n',
      ),
      errors: [{ messageId: 'obsolete', text: 'templateName' }],
      suggestions: [
        [
          {
            output: rollout(
              '    canary:\n      analysis:\n        templates: [{ templateName: "success-rate" }]\n      steps:\n      - setWeight: 5\n',
            ),
          },
        ],
      ],
    },
    {
      name: "secretKeyRef in a Rollout's args: only templates read Secrets",
      code: rollout(
        '    canary:\n      analysis:\n        templates: [{templateName: t}]\n        args:\n        - name: token\n          valueFrom:\n            secretKeyRef: {name: s, key: k}\n',
      ),
      errors: [{ messageId: 'otherKind', text: 'secretKeyRef' }],
    },
    {
      name: "Flagger's canaryAnalysis (flagger.app/v1alpha3) and keys of the other controller",
      code: 'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  canaryAnalysis:\n    interval: 1m\n',
      errors: [{ messageId: 'obsolete', text: 'canaryAnalysis' }],
      suggestions: [
        [{ output: 'apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    interval: 1m\n' }],
      ],
    },
    {
      name: 'a Flagger-style metric in an Argo template, an Argo-style one in a Flagger Canary',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n  - name: a\n    query: sum(x)\n    provider: {prometheus: {query: q}}\n---\napiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n  analysis:\n    metrics:\n    - name: b\n      successCondition: result[0] > 1\n',
      errors: [
        { messageId: 'otherKind', text: 'query' },
        { messageId: 'otherKind', text: 'successCondition' },
      ],
    },
    {
      name: 'an unknown top-level key of a Kubernetes document is named against the kind',
      code: 'apiVersion: flagger.app/v1beta1\nkind: AlertProvider\nspecs:\n  type: slack\n',
      errors: [
        {
          messageId: 'unknownGuess',
          text: 'specs',
          message: '`specs` is not a key of AlertProvider; did you mean `spec`?',
        },
      ],
    },
  ],
});

runRuleTests(wrongType, {
  valid,
  invalid: [
    {
      // argoproj/argo-rollouts docs/features/analysis.md shows `value: 9090`, which the API server refuses
      name: 'an arg value is a string',
      code: ARGO_TEMPLATE.replace(
        '  - name: service-name\n',
        '  - name: service-name\n  - name: port\n    value: 9090\n',
      ),
      errors: [{ messageId: 'wrongType', text: '9090' }],
    },
    {
      name: 'setWeight is a whole number, steps a list',
      code:
        rollout('    canary:\n      steps:\n      - setWeight: "20%"\n') +
        '---\n' +
        rollout('    canary:\n      steps: setWeight\n'),
      errors: [
        { messageId: 'wrongType', text: '"20%"' },
        { messageId: 'wrongType', text: 'setWeight', occurrence: 1 },
      ],
    },
  ],
});

runRuleTests(missingKey, {
  valid,
  invalid: [
    {
      name: 'a step that does nothing; a metric without a name',
      code:
        rollout('    canary:\n      steps:\n      - {}\n') +
        '---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n  - interval: 1m\n    provider: {prometheus: {query: q}}\n',
      errors: [
        { messageId: 'noStepKind', text: '{}' },
        { messageId: 'missing', text: 'interval' },
      ],
    },
  ],
});

runRuleTests(invalidValue, {
  valid,
  invalid: [
    {
      name: 'both canary and blueGreen',
      code: rollout('    canary:\n      steps: [{setWeight: 5}]\n    blueGreen:\n      activeService: a\n'),
      errors: [{ messageId: 'bothStrategies', text: 'blueGreen' }],
    },
    {
      name: 'two step kinds in one step (the controller allows setCanaryScale beside one)',
      code: rollout('    canary:\n      steps:\n      - setWeight: 5\n        pause: {duration: 1m}\n'),
      errors: [{ messageId: 'manyActions', text: 'pause' }],
    },
    {
      name: 'enums of the CRDs: Flagger provider, alert severity, AlertProvider type',
      code:
        FLAGGER_CANARY.replace('severity: error', 'severity: critical') +
        '---\n' +
        FLAGGER_ALERT_PROVIDER.replace('type: slack', 'type: slak'),
      errors: [
        { messageId: 'enum', text: 'critical' },
        { messageId: 'enumGuess', text: 'slak' },
      ],
      suggestions: [
        [],
        [
          {
            output: FLAGGER_CANARY.replace('severity: error', 'severity: critical') + '---\n' + FLAGGER_ALERT_PROVIDER,
          },
        ],
      ],
    },
    {
      // Reproduces fluxcd/flagger docs/gitbook/usage/metrics.md (a MetricTemplate written as
      // flagger.app/v1alpha1) and ruzickap/k8s-flagger-istio-flux docs/part-05 (a v1alpha3
      // Canary): Flagger 1.x serves only v1beta1, so the API server refuses both.
      name: 'an apiVersion the CRD no longer serves',
      code: FLAGGER_METRIC_TEMPLATE.replace('flagger.app/v1beta1', 'flagger.app/v1alpha1'),
      errors: [
        {
          messageId: 'enum',
          text: 'flagger.app/v1alpha1',
          data: { head: '`flagger.app/v1alpha1` is not a valid `apiVersion`', allowed: 'flagger.app/v1beta1' },
        },
      ],
    },
    {
      name: 'an Argo kind under a version Argo never had',
      code: ARGO_TEMPLATE.replace('argoproj.io/v1alpha1', 'argoproj.io/v1'),
      errors: [{ messageId: 'enum', text: 'argoproj.io/v1' }],
    },
  ],
});
