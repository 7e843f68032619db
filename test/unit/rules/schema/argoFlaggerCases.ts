/**
 * Argo Rollouts and Flagger documents for the schema/* tables, written here after patterns of
 * real public files (each names the repository and path it reproduces).
 */
const ARGO = 'apiVersion: argoproj.io/v1alpha1';
const FLAGGER = 'apiVersion: flagger.app/v1beta1';

/** A Rollout with the given strategy body (indented under `strategy:`). */
export function rollout(strategy: string, extraSpec = ''): string {
  return `${ARGO}\nkind: Rollout\nmetadata:\n  name: app\nspec:\n  replicas: 5\n  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n    spec:\n      containers:\n      - name: app\n        image: app:1.0\n        anyContainerKey: is not ours to judge\n${extraSpec}  strategy:\n${strategy}`;
}

// argoproj/argo-rollouts examples/rollout-canary.yaml + examples/analysis/ (background analysis with args)
export const ARGO_CANARY = rollout(`    canary:
      canaryService: app-canary
      stableService: app-stable
      trafficRouting:
        istio:
          virtualService: {name: app-vsvc, routes: [primary]}
      analysis:
        templates:
        - templateName: success-rate
        startingStep: 2
        args:
        - name: service-name
          value: app-canary.default.svc.cluster.local
        - name: hash
          valueFrom:
            podTemplateHashValue: Latest
      steps:
      - setWeight: 5
      - pause: {duration: 10m}
      - setWeight: 20
      - pause: {duration: 1h}
      - analysis:
          templates:
          - templateName: smoke
      - setCanaryScale:
          replicas: 1
        setHeaderRoute:
          name: set-header
          match:
          - headerName: trace
            headerValue: {exact: debug}
        pause: {}
`);

// argoproj/argo-rollouts examples/rollout-bluegreen.yaml with pre-promotion analysis
export const ARGO_BLUE_GREEN = rollout(`    blueGreen:
      activeService: app-active
      previewService: app-preview
      autoPromotionEnabled: false
      scaleDownDelaySeconds: 30
      prePromotionAnalysis:
        templates:
        - templateName: smoke-tests
        args:
        - name: service-name
          value: app-preview.default.svc.cluster.local
`);

// argoproj/argo-rollouts examples/analysis/ and docs/features/analysis.md (prometheus, web, job; secret args)
export const ARGO_TEMPLATE = `${ARGO}
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
  - name: service-name
  - name: api-token
    valueFrom:
      secretKeyRef: {name: token-secret, key: apiToken}
  metrics:
  - name: success-rate
    interval: 5m
    count: 3
    failureLimit: 1
    successCondition: result[0] >= 0.95
    provider:
      prometheus:
        address: http://prometheus.example.com:9090
        query: |
          sum(irate(istio_requests_total{destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m]))
  - name: webmetric
    successCondition: result.ok == true
    provider:
      web:
        url: "http://status.example.com/api/v1/{{args.service-name}}"
        headers:
        - key: Authorization
          value: "Bearer {{ args.api-token }}"
        jsonPath: "{$.data}"
  - name: job
    provider:
      job:
        spec:
          backoffLimit: 1
          template:
            spec:
              containers: [{name: test, image: test:1}]
              restartPolicy: Never
`;

// argoproj/argo-rollouts examples/experiment-*.yaml
export const ARGO_EXPERIMENT = `${ARGO}
kind: Experiment
metadata:
  name: exp
spec:
  duration: 20m
  progressDeadlineSeconds: 30
  templates:
  - name: purple
    replicas: 1
    selector: {matchLabels: {app: rollouts-demo}}
    template:
      metadata: {labels: {app: rollouts-demo}}
      spec: {containers: [{name: demo, image: demo:purple}]}
  analyses:
  - name: purple
    templateName: http-benchmark
    args:
    - name: host
      value: purple
`;

// fluxcd/flagger artifacts/examples/istio-canary.yaml
export const FLAGGER_CANARY = `${FLAGGER}
kind: Canary
metadata:
  name: podinfo
  namespace: test
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  autoscalerRef:
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    name: podinfo
  service:
    port: 9898
    targetPort: 9898
    gateways: [public-gateway.istio-system.svc.cluster.local]
    hosts: [app.example.com]
    trafficPolicy:
      tls: {mode: DISABLE}
    retries: {attempts: 3, perTryTimeout: 1s, retryOn: "gateway-error,connect-failure"}
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 10
    metrics:
    - name: request-success-rate
      thresholdRange: {min: 99}
      interval: 1m
    - name: "404s percentage"
      templateRef: {name: not-found-percentage, namespace: istio-system}
      thresholdRange: {max: 5}
      interval: 1m
    alerts:
    - name: on-call
      severity: error
      providerRef: {name: on-call, namespace: flagger}
    webhooks:
    - name: load-test
      url: http://flagger-loadtester.test/
      timeout: 5s
      metadata:
        cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"
`;

// fluxcd/flagger docs/gitbook/usage/metrics.md and alerting.md
export const FLAGGER_METRIC_TEMPLATE = `${FLAGGER}
kind: MetricTemplate
metadata:
  name: not-found-percentage
spec:
  provider:
    type: prometheus
    address: http://prometheus.istio-system:9090
  query: |
    100 - sum(rate(istio_requests_total{destination_workload_namespace="{{ namespace }}",response_code!="404"}[{{ interval }}]))
`;

export const FLAGGER_ALERT_PROVIDER = `${FLAGGER}
kind: AlertProvider
metadata:
  name: on-call
spec:
  type: slack
  channel: on-call-alerts
  username: flagger
  secretRef:
    name: on-call-url
`;
