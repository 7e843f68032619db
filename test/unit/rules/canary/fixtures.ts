/** Well-made canaries of each format: every canary rule must stay quiet on them. */
export const GOOD_NATIVE = `# checkout rollout
canary:
  service: checkout
  steps: [1, 5, 25, 50, 100]
  interval: 5m
  metrics:
    - name: error-rate
      threshold: "<= 1%"
    - name: p99-latency
      threshold: "<= baseline * 1.1"
  on_failure: rollback
  failure_limit: 1
  min_requests: 100
  alerts:
    - channel: slack:#checkout-deploys
      on: [breach, rollback]
`;

export const GOOD_ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  annotations:
    notifications.argoproj.io/subscribe.on-rollout-aborted.slack: checkout-deploys
spec:
  strategy:
    canary:
      analysis:
        templates:
        - templateName: success-rate
      steps:
      - setWeight: 5
      - pause: {duration: 10m}
      - setWeight: 25
      - pause: {duration: 10m}
      - setWeight: 100
`;

export const GOOD_FLAGGER = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 5
    metrics:
    - name: request-success-rate
      thresholdRange:
        min: 99
      interval: 1m
    - name: request-duration
      thresholdRange:
        max: 500
      interval: 1m
    alerts:
    - name: on-call
      severity: error
      providerRef:
        name: on-call-slack
`;

export const GOOD_BLUE_GREEN = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  annotations:
    notifications.argoproj.io/subscribe.on-analysis-run-failed.slack: checkout-deploys
spec:
  strategy:
    blueGreen:
      activeService: checkout-active
      previewService: checkout-preview
      prePromotionAnalysis:
        templates:
        - templateName: smoke-tests
`;

export const GOOD = [
  { name: 'a well-made native canary', code: GOOD_NATIVE },
  { name: 'a well-made Argo Rollout', code: GOOD_ARGO },
  { name: 'a well-made Flagger Canary', code: GOOD_FLAGGER },
  {
    name: 'documents that are not canaries',
    code: 'apiVersion: v1\nkind: Service\n---\nsynthetic:\n  journeys: []\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: a}\nspec: {}\n',
  },
  { name: 'a well-made blue-green Rollout', code: GOOD_BLUE_GREEN },
];

/** A native canary: GOOD_NATIVE with `from` replaced by `to` (throws when `from` is absent). */
export function native(from: string, to: string): string {
  if (!GOOD_NATIVE.includes(from)) throw new Error(`fixture has no "${from}"`);
  return GOOD_NATIVE.replace(from, to);
}

export function argo(from: string, to: string): string {
  if (!GOOD_ARGO.includes(from)) throw new Error(`fixture has no "${from}"`);
  return GOOD_ARGO.replace(from, to);
}

export function flagger(from: string, to: string): string {
  if (!GOOD_FLAGGER.includes(from)) throw new Error(`fixture has no "${from}"`);
  return GOOD_FLAGGER.replace(from, to);
}
