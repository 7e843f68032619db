/**
 * A realistic multi-document rollout file of about N lines: native canaries, synthetic journeys,
 * Argo Rollouts with AnalysisTemplates, Flagger Canaries and unrelated Kubernetes documents, with
 * a sprinkling of the mistakes the rules look for (so rules do real work, not early returns).
 */
function nativeCanary(i: number): string {
  return `canary:
  service: svc-${i}
  steps: [${i % 3 === 0 ? 20 : 1}, 5, 25, 50, 100]
  interval: ${i % 4 === 0 ? '30s' : '5m'}
  metrics:
    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= baseline * 1.1"
    - name: queue-depth-${i}
      query: worker_queue_depth{{selector}}
      unit: count
      threshold: "< 500"
  on_failure: ${i % 5 === 0 ? 'pause' : 'rollback'}
  failure_limit: 1
  min_requests: 100
  alerts:
    - channel: slack:#svc-${i}-deploys
      on: [breach, rollback]
  source:
    scrape:
      canary: http://canary.svc-${i}.internal:8080/metrics
      baseline: http://stable.svc-${i}.internal:8080/metrics
`;
}

function synthetic(i: number): string {
  return `synthetic:
  base_url: https://app-${i}.example.com
  frequency: ${i % 3 === 0 ? '10m' : '60s'}
  locations: [us-east, eu-west]
  alerts:
    - channel: pagerduty:web-oncall
  journeys:
    - name: api ${i} is healthy
      steps:
        - request: GET /api/health
          expect:
            status: 200
            latency: "< 500ms"
            json: { "$.status": "ok" }
        - request: POST /api/cart
          ${i % 2 === 0 ? 'side_effects: sandbox' : '# no side_effects'}
          headers: { Authorization: "Bearer \${secret:API_TOKEN}" }
          body: { sku: TEST-SKU-${i}, qty: 1 }
          expect: { status: 201 }
    - name: user ${i} can log in
      steps:
        - goto: /login
        - fill: { selector: "#email", value: "\${env:SYNTHETIC_USER}" }
        - fill: { selector: "#password", value: "\${secret:SYNTHETIC_PASS}" }
        - click: "#submit"
        - expect_visible: { selector: "#dashboard", timeout: 5s }
`;
}

function argo(i: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollout-${i}
  annotations:
    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: team-${i}
spec:
  replicas: 5
  selector:
    matchLabels:
      app: rollout-${i}
  template:
    metadata:
      labels:
        app: rollout-${i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:${i}
  strategy:
    canary:
      analysis:
        templates:
          - templateName: success-rate-${i}
      steps:
        - setWeight: 5
        - pause: ${i % 2 === 0 ? '{}' : '{ duration: 5m }'}
        - setWeight: 50
        - pause: { duration: 10m }
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate-${i}
spec:
  metrics:
    - name: success-rate
      interval: 5m
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://prometheus:9090
          query: sum(rate(http_requests_total{code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
`;
}

function flagger(i: number): string {
  return `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: canary-${i}
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: canary-${i}
  service:
    port: 80
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: ${i % 2 === 0 ? 5 : 10}
    metrics:
      - name: request-success-rate
        thresholdRange: { min: 99 }
        interval: 1m
      - name: request-duration
        thresholdRange: { max: 500 }
        interval: 1m
    alerts:
      - name: on-call
        severity: error
        providerRef: { name: on-call, namespace: flagger }
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
`;
}

const MAKERS = [nativeCanary, synthetic, argo, flagger, configMap];

export function generateRolloutFile(targetLines: number): { text: string; documents: number } {
  const parts: string[] = [];
  let lines = 0;
  let documents = 0;
  for (let i = 0; lines < targetLines; i++) {
    const doc = MAKERS[i % MAKERS.length](i);
    parts.push(doc);
    lines += doc.split('\n').length; // the document's lines plus its '---'
    documents += doc.includes('\n---\n') ? 2 : 1;
  }
  return { text: parts.join('---\n'), documents };
}
