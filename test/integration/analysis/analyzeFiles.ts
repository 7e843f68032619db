/**
 * The Argo and Flagger documents `analyze` is proven on, written for these tests after the
 * shapes of argoproj/argo-rollouts docs/analysis/prometheus.md and fluxcd/flagger
 * docs/gitbook/usage/metrics.md. `PROM` is replaced by the test's Prometheus address.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ARGO_TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
  metrics:
    - name: success-rate
      interval: 1m
      count: 5
      successCondition: result[0] >= 0.95
      failureLimit: 1
      provider:
        prometheus:
          address: PROM
          query: |
            sum(rate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[10s])) /
            sum(rate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[10s]))
    - name: error-count
      failureCondition: result[0] >= 10
      provider:
        prometheus:
          address: PROM
          query: sum(rate(http_requests_total{service="{{args.service-name}}",code=~"5.."}[10s]))
`;

export const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: podinfo
spec:
  strategy:
    canary:
      steps:
        - setWeight: 10
        - analysis:
            templates:
              - templateName: success-rate
            args:
              - name: service-name
                value: podinfo.test.svc.cluster.local
        - setWeight: 50
`;

export const NO_DATA_TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: no-data
spec:
  metrics:
    - name: empty
      successCondition: len(result) == 0 || result[0] >= 0.95
      provider:
        prometheus:
          address: PROM
          query: sum(rate(istio_requests_total{destination_workload="nobody-home"}[10s]))
    - name: nan
      failureCondition: result[0] < 0.95
      provider:
        prometheus:
          address: PROM
          query: |
            sum(rate(istio_requests_total{destination_workload="idle",response_code!~"5.*"}[10s])) /
            sum(rate(istio_requests_total{destination_workload="idle"}[10s]))
`;

export const FLAGGER_CANARY = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
  namespace: test
spec:
  provider: istio
  metricsServer: PROM
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  service:
    port: 9898
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 10
    metrics:
      - name: request-success-rate
        interval: 10s
        thresholdRange:
          min: 99
      - name: request-duration
        interval: 10s
        thresholdRange:
          max: 500
      - name: not-found-percentage
        templateRef:
          name: error-percentage
        interval: 10s
        templateVariables:
          code: "5.*"
        thresholdRange:
          max: 5
`;

export const METRIC_TEMPLATE = `apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata:
  name: error-percentage
  namespace: test
spec:
  provider:
    type: prometheus
    address: PROM
  query: |
    100 * sum(rate(istio_requests_total{reporter="destination", destination_workload_namespace="{{ namespace }}", destination_workload="{{ target }}", response_code=~"{{ variables.code }}"}[{{ interval }}]))
    /
    sum(rate(istio_requests_total{reporter="destination", destination_workload_namespace="{{ namespace }}", destination_workload="{{ target }}"}[{{ interval }}]))
`;

/** A temp folder with the documents, PROM replaced; returns its path. */
export function writeAnalysisFiles(prometheus: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-analyze-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text.replaceAll('PROM', prometheus));
  return dir;
}
