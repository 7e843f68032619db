import { runRuleTests } from '../ruleTester';
import { invalidCondition } from '../../../../src/core/lint/rules/canary/invalid-condition';

const template = (metrics: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
  metrics:
${metrics}`;

const metric = (condition: string, key = 'successCondition') => `    - name: success-rate
      ${key}: ${condition}
      provider:
        prometheus:
          address: http://prometheus.example.com:9090
          query: sum(rate(http_requests_total{service="{{args.service-name}}"}[5m]))
`;

runRuleTests(invalidCondition, {
  valid: [
    // The conditions of argoproj/argo-rollouts' docs and examples.
    template(metric('result[0] >= 0.95')),
    template(metric('result[0] >= 10', 'failureCondition')),
    template(metric('len(result) == 0 || result[0] >= 0.95')),
    template(metric('isNaN(result) || result >= 0.95')),
    template(metric('"all(result, # < 1000)"')),
    template(metric('"len(result[0].Values) >= 5 and all(result[0].Values, {# <= 0.01})"')),
    template(metric('"all(result.service_apdex.values.values, {asFloat(.value) >= 9900})"')),
    template(metric('default(result, 0) < 0.05')),
    template(metric('"max(result) < 0.05"')),
    template(metric('result == "{{args.service-name}}"')),
    template(metric('default(result, 0) > {{ args.max-restarts }}', 'failureCondition')),
    template(metric("result[0] matches '^ok'")),
    { name: 'not an analysis template', code: 'canary:\n  steps: [1, 100]\n' },
  ],
  invalid: [
    {
      name: 'a typo of result (from a real doc page)',
      code: template(metric('results[0] >= 90.000000')),
      errors: [{ messageId: 'doesNotParse', text: 'results' }],
      output: null,
    },
    {
      name: 'an operator with nothing after it',
      code: template(metric('result[0] >=', 'failureCondition')),
      errors: [{ messageId: 'doesNotParse', text: '=', after: 'failureCondition: result[0] >' }],
    },
    {
      name: 'an unknown function',
      code: template(metric('avg(result) > 1')),
      errors: [{ messageId: 'doesNotParse', text: 'avg' }],
    },
    {
      name: 'a placeholder before the problem: the whole condition is marked',
      code: template(metric('result == "{{args.service-name}}" &&')),
      errors: [{ messageId: 'doesNotParse', text: 'result == "{{args.service-name}}" &&' }],
    },
  ],
});
