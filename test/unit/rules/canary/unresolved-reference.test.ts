import { runRuleTests } from '../ruleTester';
import { unresolvedReference } from '../../../../src/core/lint/rules/canary/unresolved-reference';
import { BACKGROUND, files, rollout, template } from './templateFixtures';
import { flagger } from './fixtures';

const PROVIDER =
  'apiVersion: flagger.app/v1beta1\nkind: AlertProvider\nmetadata:\n  name: on-call-slack\nspec:\n  type: slack\n';
const METRIC_TEMPLATE =
  'apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nmetadata:\n  name: latency\nspec:\n  provider: {type: prometheus, address: http://prometheus:9090}\n  query: histogram_quantile(0.99, sum(rate(x[{{ interval }}])) by (le))\n';
const CANARY_WITH_TEMPLATE = flagger(
  '      thresholdRange:\n        max: 500\n      interval: 1m\n',
  '      templateRef:\n        name: latency\n      thresholdRange:\n        max: 500\n      interval: 1m\n',
);

runRuleTests(unresolvedReference, {
  valid: [
    {
      name: 'argo: the template is in the same file',
      code: files(rollout(BACKGROUND('success-rate')), template('success-rate')),
    },
    { name: 'argo: no analysis, no reference', code: rollout('') },
    {
      name: 'flagger: provider and metric template linted together',
      code: files(CANARY_WITH_TEMPLATE, PROVIDER, METRIC_TEMPLATE),
    },
    {
      name: 'namespaces that agree',
      code: files(
        rollout(BACKGROUND('success-rate')).replace('  name: checkout\n', '  name: checkout\n  namespace: shop\n'),
        template('success-rate').replace('  name: success-rate\n', '  name: success-rate\n  namespace: shop\n'),
      ),
    },
  ],
  invalid: [
    {
      // Pattern of argoproj/argo-rollouts examples/rollout-analysis-step.yaml: its templates live
      // in analysis-templates.yaml, applied first ("Prerequisites").
      name: 'argo: a template in no file linted together',
      code: rollout(BACKGROUND('success-rate')),
      errors: [
        {
          text: 'success-rate',
          messageId: 'analysisTemplate',
          message:
            /No AnalysisTemplate "success-rate" is among the files linted together\. It may live only in the cluster/,
        },
      ],
    },
    {
      name: 'argo: a close name gets a did-you-mean suggestion',
      code: files(rollout(BACKGROUND('sucess-rate')), template('success-rate')),
      errors: [{ text: 'sucess-rate', messageId: 'analysisTemplate', message: /Did you mean "success-rate"\?/ }],
      suggestions: [
        [
          {
            title: 'Change to success-rate',
            output: files(rollout(BACKGROUND('success-rate')), template('success-rate')),
          },
        ],
      ],
    },
    {
      name: 'argo: clusterScope points at a ClusterAnalysisTemplate that is an AnalysisTemplate here',
      code: files(
        rollout(
          '      analysis:\n        templates:\n        - templateName: success-rate\n          clusterScope: true\n',
        ),
        template('success-rate'),
      ),
      errors: [{ text: 'success-rate', messageId: 'clusterAnalysisTemplate', message: /drop "clusterScope: true"/ }],
    },
    {
      name: 'argo: another namespace',
      code: files(
        rollout(BACKGROUND('success-rate')).replace('  name: checkout\n', '  name: checkout\n  namespace: shop\n'),
        template('success-rate').replace('  name: success-rate\n', '  name: success-rate\n  namespace: monitoring\n'),
      ),
      errors: [
        { text: 'success-rate', messageId: 'analysisTemplate', message: /One is defined in namespace monitoring/ },
      ],
    },
    {
      // Pattern of fluxcd/flagger kustomize/ and docs: providerRef and templateRef to objects
      // installed elsewhere.
      name: 'flagger: alert provider and metric template not found',
      code: CANARY_WITH_TEMPLATE,
      errors: [
        { text: 'latency', messageId: 'metricTemplate' },
        { text: 'on-call-slack', messageId: 'alertProvider' },
      ],
    },
  ],
});
