/**
 * The normalised plan of a Flagger Canary. Flagger shifts `stepWeight` more traffic per
 * `interval` until `maxWeight` (or walks the `stepWeights` list); a failed metric check or
 * webhook counts towards `threshold`, after which Flagger rolls back on its own.
 * `analysis.interval` is the schedule (one check per interval); each metric's own `interval` is
 * the window of data that check reads (Flagger's MetricInterval, 1m, when left out).
 */
import type { Node, YAMLMap } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, nodeAt, pairOf, refOf, valueOf } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import type { MetricUnit } from '../model/metrics';
import type { Threshold } from '../model/threshold';
import type { CanaryPlan, PlanMetric } from './canaryPlan';
import { emptyPlan, looksLikeErrorMetric, numberValue, pairKeyRef, textValue, tightRef, valueRefIn } from './planParts';

type Doc = SourceDocument['doc'];

/**
 * Hooks that can stop a Canary without a human: a failed `rollout` hook (also when `type` is left
 * out) or `pre-rollout` hook counts towards `threshold`, and a `rollback` hook's success rolls it
 * back (fluxcd/flagger pkg/controller/scheduler.go, scheduler_hooks.go). `confirm-*` hooks wait
 * for a human; `post-rollout` and `event` hooks only report.
 */
const GATING_HOOKS = new Set(['', 'rollout', 'pre-rollout', 'rollback']);

/** Flagger's built-in metrics (no MetricTemplate needed). */
export const FLAGGER_BUILTIN_METRICS: Record<string, { unit: MetricUnit; watchesErrors: boolean }> = {
  'request-success-rate': { unit: '%', watchesErrors: true },
  'request-duration': { unit: 'ms', watchesErrors: false },
};

/** Flagger's default when `maxWeight` is left out. */
const DEFAULT_MAX_WEIGHT = 100;
/** Derived ladders longer than this say nothing more (and a tiny stepWeight must not loop long). */
const MAX_DERIVED_STEPS = 200;

export function buildFlaggerPlan(document: SourceDocument, file: ParsedFile): CanaryPlan | undefined {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const specPair = pairOf(root, 'spec');
  const spec = asMap(specPair?.value, doc);
  // `canaryAnalysis` is the v1alpha name of `analysis`.
  const analysisPair = pairOf(spec, 'analysis') ?? pairOf(spec, 'canaryAnalysis');
  const fallback = pairKeyRef(pairOf(root, 'kind'), { offset: document.offset, length: 0 });
  const anchor = pairKeyRef(analysisPair, pairKeyRef(specPair, fallback));
  const plan = emptyPlan('flagger', document.index, anchor);
  const service =
    textValue(nodeAt(spec, ['service', 'name'], doc), doc) ??
    textValue(nodeAt(spec, ['targetRef', 'name'], doc), doc) ??
    textValue(nodeAt(root, ['metadata', 'name'], doc), doc);
  if (service !== undefined) plan.service = service;
  const analysis = asMap(analysisPair?.value, doc);
  if (!analysis) return plan;

  const intervalNode = valueOf(analysis, 'interval', doc);
  if (intervalNode) {
    const text = textValue(intervalNode, doc) ?? '';
    const parsed = parseDuration(text);
    plan.interval = {
      text,
      ms: parsed.ok ? parsed.ms : null,
      ref: valueRefIn(analysis, 'interval', file.text, anchor)!,
      ...(parsed.ok ? {} : { error: parsed.error }),
    };
  }
  const thresholdNode = valueOf(analysis, 'threshold', doc);
  const failureLimit = numberValue(thresholdNode, doc);
  if (thresholdNode) plan.failureLimitRef = refOf(thresholdNode);
  if (failureLimit !== undefined) plan.failureLimit = failureLimit;

  readWeights(analysis, plan, doc);
  readMetrics(analysis, plan, file, doc);

  const webhooksNode = valueOf(analysis, 'webhooks', doc);
  const webhooks = asSeq(webhooksNode, doc)?.items ?? [];
  plan.webhooks = webhooks.map((w) => {
    const map = asMap(w, doc);
    const name = textValue(valueOf(map, 'name', doc), doc);
    const type = textValue(valueOf(map, 'type', doc), doc);
    return {
      ref: tightRef(w as Node, file.text),
      ...(name !== undefined ? { name } : {}),
      ...(type !== undefined ? { type } : {}),
      gates: GATING_HOOKS.has(type ?? ''),
    };
  });
  // `skipAnalysis: true` promotes without running any check (Canary.SkipAnalysis()).
  const skipNode = valueOf(spec, 'skipAnalysis', doc);
  if (skipNode && textValue(skipNode, doc) === 'true') plan.skipAnalysis = refOf(skipNode);
  if ((plan.metrics.length > 0 || plan.webhooks.some((w) => w.gates)) && !plan.skipAnalysis) {
    plan.rollback = { automated: true, ref: plan.metricsRef ?? tightRef(webhooksNode, file.text) };
  }

  const alertsNode = valueOf(analysis, 'alerts', doc);
  if (alertsNode) {
    plan.alertsRef = valueRefIn(analysis, 'alerts', file.text, plan.anchor);
    for (const item of asSeq(alertsNode, doc)?.items ?? []) {
      const map = asMap(item, doc);
      const provider =
        textValue(nodeAt(map, ['providerRef', 'name'], doc), doc) ?? textValue(valueOf(map, 'name', doc), doc);
      if (provider === undefined) continue;
      const severity = textValue(valueOf(map, 'severity', doc), doc);
      plan.alerts.push({
        channel: `alertprovider:${provider}`,
        kind: 'alertprovider',
        target: provider,
        ref: refOf(item as Node),
        ...(severity ? { on: [severity] } : {}),
      });
    }
  }
  return plan;
}

function readWeights(analysis: YAMLMap, plan: CanaryPlan, doc: Doc): void {
  const stepWeightsNode = valueOf(analysis, 'stepWeights', doc);
  if (stepWeightsNode) {
    plan.stepsRef = refOf(stepWeightsNode);
    for (const item of asSeq(stepWeightsNode, doc)?.items ?? [])
      plan.steps.push({ weight: numberValue(item, doc) ?? null, ref: refOf(item as Node) });
    return;
  }
  const stepNode = valueOf(analysis, 'stepWeight', doc);
  const maxNode = valueOf(analysis, 'maxWeight', doc);
  const step = numberValue(stepNode, doc);
  const max = numberValue(maxNode, doc);
  if (stepNode && step !== undefined) plan.stepWeight = { value: step, ref: refOf(stepNode) };
  if (maxNode && max !== undefined) plan.maxWeight = { value: max, ref: refOf(maxNode) };
  if (!stepNode) return; // A/B testing and blue/green use `iterations`: no traffic ladder.
  plan.stepsRef = refOf(stepNode);
  plan.stepsDerived = true;
  const ref = refOf(stepNode);
  if (step === undefined || step <= 0) {
    plan.steps.push({ weight: step ?? null, ref });
    return;
  }
  const limit = max ?? DEFAULT_MAX_WEIGHT;
  // Flagger adds stepWeight each interval and stops at maxWeight.
  for (let w = step, i = 0; i < MAX_DERIVED_STEPS; w += step, i++) {
    if (w >= limit) {
      plan.steps.push({ weight: limit, ref });
      break;
    }
    plan.steps.push({ weight: w, ref });
  }
}

function readMetrics(analysis: YAMLMap, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  const node = valueOf(analysis, 'metrics', doc);
  if (!node) return;
  plan.metricsRef = valueRefIn(analysis, 'metrics', file.text, plan.anchor);
  for (const item of asSeq(node, doc)?.items ?? []) {
    const map = asMap(item, doc);
    if (!map) continue;
    const nameNode = valueOf(map, 'name', doc);
    const name = textValue(nameNode, doc) ?? '';
    const builtin = Object.prototype.hasOwnProperty.call(FLAGGER_BUILTIN_METRICS, name)
      ? FLAGGER_BUILTIN_METRICS[name]
      : undefined;
    const templateRef = textValue(nodeAt(map, ['templateRef', 'name'], doc), doc);
    const query = textValue(valueOf(map, 'query', doc), doc);
    const metric: PlanMetric = {
      name,
      ref: refOf(nameNode ?? (item as Node)),
      builtin: !!builtin,
      watchesErrors: builtin ? builtin.watchesErrors : looksLikeErrorMetric(name, query),
      ...(builtin ? { unit: builtin.unit } : {}),
      ...(templateRef !== undefined ? { templateRef } : {}),
      ...(query !== undefined ? { query } : {}),
    };
    const windowNode = valueOf(map, 'interval', doc);
    if (windowNode) {
      const text = textValue(windowNode, doc) ?? '';
      const parsed = parseDuration(text);
      metric.window = { text, ms: parsed.ok ? parsed.ms : null, ref: refOf(windowNode) };
    }
    const threshold = readThresholdRange(valueOf(map, 'thresholdRange', doc), name, file, doc);
    if (threshold) metric.threshold = threshold;
    plan.metrics.push(metric);
  }
}

/** `thresholdRange: {min: 99}` reads as ">= 99", `{max: 500}` as "<= 500". */
function readThresholdRange(
  node: Node | undefined,
  name: string,
  file: ParsedFile,
  doc: Doc,
): PlanMetric['threshold'] | undefined {
  const range = asMap(node, doc);
  if (!node || !range) return undefined;
  const ref = tightRef(node, file.text);
  const minNode = valueOf(range, 'min', doc);
  const maxNode = valueOf(range, 'max', doc);
  // With both, the side that guards the metric: a floor for a success rate, a ceiling otherwise.
  const useMin = minNode && (!maxNode || name === 'request-success-rate');
  const chosen = useMin ? minNode : maxNode;
  if (!chosen) return undefined;
  const value = numberValue(chosen, doc);
  const op = useMin ? '>=' : '<=';
  const text = `${op} ${textValue(chosen, doc) ?? ''}`.trim();
  if (value === undefined) {
    return { text, ref, error: `thresholdRange.${useMin ? 'min' : 'max'} must be a number`, errorRef: refOf(chosen) };
  }
  const parsed: Threshold = { op, kind: 'absolute', value, text };
  return { text, ref, parsed };
}
