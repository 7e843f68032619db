/** Argo and Flagger documents for the template and reference rules, written for these tests. */

/** An AnalysisTemplate with one prometheus metric; `metric` replaces the metric's fields. */
export function template(
  name: string,
  metric = '    interval: 1m\n    count: 5\n    failureLimit: 1\n    successCondition: result[0] >= 0.99\n',
  args = '',
): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: ${name}
spec:
${args}  metrics:
  - name: success-rate
${metric}    provider:
      prometheus:
        address: http://prometheus.monitoring:9090
        query: sum(rate(http_requests_total{status!~"5.."}[1m])) / sum(rate(http_requests_total[1m]))
`;
}

/** A canary Rollout whose analysis block (`analysis`, background) is `analysis`, indented under canary. */
export function rollout(analysis: string, steps = '      - setWeight: 5\n      - pause: {duration: 10m}\n'): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  annotations:
    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: deploys
spec:
  strategy:
    canary:
${analysis}      steps:
${steps}`;
}

export const BACKGROUND = (name: string, args = '') =>
  `      analysis:\n        templates:\n        - templateName: ${name}\n${args}`;

export const files = (...docs: string[]) => docs.join('---\n');
