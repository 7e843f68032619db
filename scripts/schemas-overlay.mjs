// What Release Safety adds to the CRDs' facts when it writes the Argo Rollouts and Flagger
// schemas (scripts/schemas-from-crds.mjs): where checking stops, our descriptions, hints for keys
// that belong to another kind or were removed, and the controller's own validation rules.
// Paths are dotted from the document root; `[]` is a list item.

const ANALYSIS_PATHS = [
  'spec.strategy.canary.analysis',
  'spec.strategy.canary.steps[].analysis',
  'spec.strategy.blueGreen.prePromotionAnalysis',
  'spec.strategy.blueGreen.postPromotionAnalysis',
];

const secretInRollout = {
  messageId: 'otherKind',
  where: "an AnalysisTemplate's (or ClusterAnalysisTemplate's) `args`",
  hint: 'declare the argument in the template with `valueFrom.secretKeyRef` and leave it out here; a Rollout can pass `value`, `valueFrom.podTemplateHashValue` or `valueFrom.fieldRef`',
};
const obsoleteTemplateName = {
  messageId: 'obsolete',
  hint: 'Argo Rollouts reads `templates: [{templateName: NAME}]`; a lone `templateName` here is dropped and no analysis runs',
  replacement: 'templates',
  wrapAs: 'templateName',
};

// Label selectors are checked (matchLabels, matchExpressions): a label that lost its indent under
// `matchLabels` is dropped by the API server, and Argo refuses the Rollout's empty selector
// (argoproj/argo-rollouts docs/features/hpa-support.md had one).
export const PERMISSIVE = {
  'argo-rollout': [
    'metadata',
    'spec.template',
    'spec.strategy.canary.canaryMetadata',
    'spec.strategy.canary.stableMetadata',
    ...['alb', 'ambassador', 'apisix', 'appMesh', 'istio', 'nginx', 'smi', 'traefik'].map(
      (p) => `spec.strategy.canary.trafficRouting.${p}`,
    ),
    'spec.strategy.canary.steps[].experiment.templates[].metadata',
    'spec.strategy.canary.steps[].experiment.templates[].service',
    'spec.strategy.canary.steps[].setHeaderRoute.match',
    'spec.strategy.canary.steps[].setMirrorRoute.match',
    'spec.strategy.blueGreen.activeMetadata',
    'spec.strategy.blueGreen.previewMetadata',
  ],
  'argo-analysis-template': ['metadata', 'spec.metrics[].provider.job'],
  'argo-experiment': ['metadata', 'spec.templates[].template', 'spec.templates[].service', 'spec.templates[].metadata'],
  'flagger-canary': [
    'metadata',
    ...[
      'match',
      'retries',
      'rewrite',
      'mirror',
      'headers',
      'corsPolicy',
      'trafficPolicy',
      'apex',
      'primary',
      'canary',
      'unmanagedMetadata',
      'gatewayRefs',
      'backends',
    ].map((k) => `spec.service.${k}`),
    'spec.analysis.match',
  ],
  'flagger-metric-template': ['metadata'],
  'flagger-alert-provider': ['metadata'],
};

export const HINTS = {
  'argo-rollout': {
    ...Object.fromEntries(ANALYSIS_PATHS.map((p) => [p, { templateName: obsoleteTemplateName }])),
    ...Object.fromEntries(ANALYSIS_PATHS.map((p) => [`${p}.args[].valueFrom`, { secretKeyRef: secretInRollout }])),
    'spec.strategy.canary.steps[].experiment.analyses[].args[].valueFrom': { secretKeyRef: secretInRollout },
    'spec.strategy.canary': {
      stepWeight: {
        messageId: 'otherKind',
        where: 'a Flagger Canary',
        hint: 'an Argo canary lists its traffic steps as `steps: [{setWeight: 5}, {pause: {duration: 10m}}, ...]`',
      },
      maxWeight: {
        messageId: 'otherKind',
        where: 'a Flagger Canary',
        hint: 'an Argo canary lists its traffic steps as `steps: [{setWeight: 5}, ...]`',
      },
    },
  },
  'argo-experiment': {
    'spec.analyses[].args[].valueFrom': { secretKeyRef: secretInRollout },
  },
  'argo-analysis-template': {
    'spec.metrics[]': {
      query: {
        messageId: 'otherKind',
        where: 'a Flagger metric',
        hint: 'in Argo the query goes under its provider, e.g. `provider: {prometheus: {address: ..., query: ...}}`',
      },
      thresholdRange: {
        messageId: 'otherKind',
        where: 'a Flagger metric',
        hint: 'Argo decides with `successCondition` / `failureCondition`, e.g. `successCondition: result[0] >= 0.95`',
      },
      templateRef: {
        messageId: 'otherKind',
        where: 'a Flagger Canary',
        hint: 'Argo metrics name their provider directly; a Rollout refers to this template by `templateName`',
      },
    },
  },
  'flagger-canary': {
    spec: {
      canaryAnalysis: {
        messageId: 'obsolete',
        hint: 'flagger.app/v1beta1 renamed it to `analysis`; Flagger ignores `canaryAnalysis`, so no analysis runs',
        replacement: 'analysis',
      },
    },
    'spec.analysis': {
      steps: {
        messageId: 'otherKind',
        where: 'an Argo Rollout',
        hint: 'Flagger takes `stepWeight` (with `maxWeight`) or `stepWeights: [5, 10, 25, 50]`',
      },
    },
    'spec.analysis.metrics[]': {
      successCondition: {
        messageId: 'otherKind',
        where: 'an Argo AnalysisTemplate',
        hint: 'a Flagger metric passes within `thresholdRange: {min: ..., max: ...}`',
      },
      provider: {
        messageId: 'otherKind',
        where: 'an Argo AnalysisTemplate or a Flagger MetricTemplate',
        hint: 'put the provider in a MetricTemplate and refer to it with `templateRef: {name: ...}`',
      },
    },
  },
};

export const EXTRAS = {
  'argo-rollout': {
    'spec.strategy': { not: { required: ['canary', 'blueGreen'] }, 'x-release-safety-not': 'bothStrategies' },
    // The controller refuses a step that combines two of setWeight, pause, experiment and analysis
    // (validation.go hasMultipleStepsType), and a step with no kind at all; setCanaryScale,
    // setHeaderRoute, setMirrorRoute and plugin may ride along with one of them.
    'spec.strategy.canary.steps[]': {
      minProperties: 1,
      not: { anyOf: pairs(['setWeight', 'pause', 'experiment', 'analysis']).map((pair) => ({ required: pair })) },
      'x-release-safety-not': 'manyStepKinds',
      'x-release-safety-exclusive': ['setWeight', 'pause', 'experiment', 'analysis'],
      'x-release-safety-one-of': 'step',
    },
  },
};

function pairs(keys) {
  return keys.flatMap((a, i) => keys.slice(i + 1).map((b) => [a, b]));
}

const STEP = {
  setWeight:
    'Send this percent of the traffic to the canary (with trafficRouting), or scale the canary to this share of the replicas (without).',
  pause: 'Wait: `{duration: 10m}` for a while, `{}` until someone promotes the rollout.',
  analysis: 'Run an AnalysisRun from these templates; the rollout waits for it and aborts when it fails.',
  experiment: 'Run an Experiment (ReplicaSets side by side with analyses) before going on.',
  setCanaryScale: 'Scale the canary independently of its traffic weight.',
  setHeaderRoute: 'Route requests with these headers to the canary (traffic routers that support it).',
  setMirrorRoute: 'Mirror matching requests to the canary.',
  plugin: 'Run a step plugin.',
};

export const DESCRIPTIONS = {
  'argo-rollout': {
    spec: 'The Rollout: a Deployment whose updates follow `strategy`.',
    'spec.strategy': 'Exactly one of `canary` or `blueGreen`.',
    'spec.strategy.canary': 'A canary: traffic moves to the new version in `steps`, gated by `analysis`.',
    'spec.strategy.canary.steps': 'The steps of the canary, in order; each step does one thing.',
    'spec.strategy.canary.steps[]':
      'One step: one of setWeight, pause, analysis or experiment (setCanaryScale, setHeaderRoute, setMirrorRoute and plugin may go with it).',
    ...Object.fromEntries(Object.entries(STEP).map(([k, v]) => [`spec.strategy.canary.steps[].${k}`, v])),
    'spec.strategy.canary.steps[].pause.duration':
      'How long to wait: `30s`, `10m`, `1h`, or seconds as a number. Without it, the rollout waits for a human.',
    'spec.strategy.canary.analysis':
      'Background analysis: runs from `startingStep` through every step; a failure aborts the rollout.',
    'spec.strategy.canary.analysis.templates':
      'The AnalysisTemplates (or ClusterAnalysisTemplates with `clusterScope: true`) to run.',
    'spec.strategy.canary.analysis.templates[].templateName':
      'The name of an AnalysisTemplate (or ClusterAnalysisTemplate) in the same namespace.',
    'spec.strategy.canary.analysis.args': "Values for the templates' `args`, by name.",
    'spec.strategy.canary.analysis.startingStep': 'The step index (from 0) at which background analysis starts.',
    'spec.strategy.canary.trafficRouting':
      'How traffic is split (a service mesh or ingress); without it, the weight is the share of canary pods.',
    'spec.strategy.canary.canaryService': 'The Service that selects only the canary pods.',
    'spec.strategy.canary.stableService': 'The Service that selects only the stable pods.',
    'spec.strategy.canary.maxSurge': 'Pods above the desired count during the update: a number or a percent.',
    'spec.strategy.canary.maxUnavailable': 'Pods that may be unavailable during the update: a number or a percent.',
    'spec.strategy.blueGreen':
      'Blue-green: the new version runs beside the old behind `previewService`, then `activeService` switches.',
    'spec.strategy.blueGreen.activeService': 'The Service that receives production traffic.',
    'spec.strategy.blueGreen.previewService': 'The Service that reaches the new version before promotion.',
    'spec.strategy.blueGreen.autoPromotionEnabled':
      'Promote without a human (default true). `false`: waits for `kubectl argo rollouts promote`.',
    'spec.strategy.blueGreen.prePromotionAnalysis':
      'Analysis before traffic switches: a failure keeps the old version active.',
    'spec.strategy.blueGreen.postPromotionAnalysis': 'Analysis after the switch: a failure switches back.',
    metadata:
      'Kubernetes object metadata (name, namespace, labels, annotations such as `notifications.argoproj.io/subscribe.on-rollout-aborted.slack`).',
  },
  'argo-analysis-template': {
    spec: 'The metrics an AnalysisRun measures, and the args it takes.',
    'spec.args':
      'Arguments, filled by the Rollout (`value`) or read here (`valueFrom.secretKeyRef`, `valueFrom.fieldRef`).',
    'spec.args[].name': 'Used as `{{args.NAME}}` in the metrics.',
    'spec.args[].value': 'A default; an argument without one must be supplied by the Rollout or Experiment.',
    'spec.metrics': 'What to measure; any failed metric fails the run.',
    'spec.metrics[].interval': 'Time between measurements: `30s`, `5m`.',
    'spec.metrics[].count': 'How many measurements to take (default 1 without `interval`, unlimited with it).',
    'spec.metrics[].failureLimit': 'Failed measurements tolerated before the metric fails (default 0).',
    'spec.metrics[].successCondition': 'An expression over `result`, e.g. `result[0] >= 0.95`.',
    'spec.metrics[].failureCondition':
      'An expression over `result` that fails the measurement, e.g. `result[0] > 0.05`.',
    'spec.metrics[].provider': 'Where the measurement comes from: exactly one provider.',
    'spec.metrics[].provider.prometheus': 'A PromQL query against `address`.',
    'spec.metrics[].provider.web': 'An HTTP request; `jsonPath` picks the result.',
    'spec.metrics[].provider.job': 'A Kubernetes Job: success or failure is the result.',
  },
  'argo-experiment': {
    spec: 'ReplicaSets run side by side for `duration`, with analyses.',
    'spec.duration': 'How long the experiment runs: `1h`. Without it, it runs until its analyses end.',
    'spec.templates': 'The ReplicaSets to run.',
    'spec.analyses': 'Analyses run during the experiment.',
    'spec.analyses[].templateName': 'The AnalysisTemplate to run.',
  },
  'flagger-canary': {
    spec: 'A Flagger canary: Flagger shifts traffic to the new version step by step while `analysis` passes.',
    'spec.targetRef': 'The Deployment (or DaemonSet) Flagger manages.',
    'spec.provider': 'The mesh or ingress that splits traffic (defaults to the one Flagger was installed with).',
    'spec.skipAnalysis': '`true` promotes without any analysis: no metric, no webhook gates the release.',
    'spec.analysis': 'How traffic moves and what gates each step.',
    'spec.analysis.interval': 'The schedule: one analysis round (and at most one step) per interval.',
    'spec.analysis.threshold': 'Failed rounds tolerated before Flagger rolls back.',
    'spec.analysis.maxWeight': 'The highest canary weight before promotion (percent).',
    'spec.analysis.stepWeight': 'The weight added at each step (percent).',
    'spec.analysis.stepWeights': 'Explicit weights per step, e.g. `[1, 5, 25, 50]`.',
    'spec.analysis.iterations': 'For A/B and blue-green: the number of rounds before promotion.',
    'spec.analysis.metrics': 'What must hold at each round: built-in metrics or `templateRef` to a MetricTemplate.',
    'spec.analysis.metrics[].thresholdRange': 'The metric passes when within `min` / `max`.',
    'spec.analysis.metrics[].interval': "The metric's data window (the range of its query), not the schedule.",
    'spec.analysis.metrics[].templateRef': 'A MetricTemplate by `name` (and `namespace`).',
    'spec.analysis.alerts': 'Who is told about the canary: AlertProviders by `providerRef`.',
    'spec.analysis.webhooks': 'Hooks: load tests, gates (`confirm-rollout`, `confirm-promotion`), notifications.',
  },
  'flagger-metric-template': {
    spec: 'A metric query Flagger canaries can use by `templateRef`.',
    'spec.provider': 'The metrics server: `type` and `address`.',
    'spec.query': 'The query; `{{ namespace }}`, `{{ target }}`, `{{ interval }}` are filled by Flagger.',
  },
  'flagger-alert-provider': {
    spec: 'Where Flagger sends alerts: Slack, MS Teams, Discord, Rocket, Google Chat.',
    'spec.type': 'The kind of channel.',
    'spec.address': 'The webhook URL (or use `secretRef`).',
    'spec.secretRef': 'A Secret with the webhook `address`.',
  },
};
