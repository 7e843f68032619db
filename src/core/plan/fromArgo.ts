/**
 * The normalised plan of an Argo Rollout (canary or blueGreen). Canary weights are the
 * `setWeight` steps (a repeated weight is allowed: it is how `startingStep` lines up); without
 * `trafficRouting` each weight's real exposure is the canary's share of pods. Rollback is
 * automated only by an analysis that can run: one with at least one template (background, at a
 * step, in an experiment step, or blue-green pre/post-promotion), because a failed AnalysisRun
 * aborts the rollout. Alerts are the notification subscriptions.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, nodeAt, pairOf, refOf, valueOf, type Ref } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import type { CanaryPlan, PlanAnalysis } from './canaryPlan';
import { emptyPlan, numberValue, pairKeyRef, textValue, tightRef } from './planParts';
import { readAnalysisBlock, readTemplateUse } from './argoAnalysis';
import { readSubscriptions } from './argoAlerts';
import { podShare } from './argoExposure';

type Doc = SourceDocument['doc'];

export function buildArgoPlan(document: SourceDocument, file: ParsedFile): CanaryPlan | undefined {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const strategy = asMap(nodeAt(root, ['spec', 'strategy'], doc), doc);
  const canaryPair = pairOf(strategy, 'canary');
  const blueGreenPair = pairOf(strategy, 'blueGreen');
  // Both strategies at once is a schema finding; read the canary one, as the schema's fix keeps it.
  const strategyPair = canaryPair ?? blueGreenPair;
  if (!strategyPair) return undefined; // no strategy yet: nothing to judge
  const plan = emptyPlan('argo', document.index, pairKeyRef(strategyPair, { offset: document.offset, length: 0 }));
  plan.strategy = canaryPair ? 'canary' : 'blueGreen';
  const name = textValue(nodeAt(root, ['metadata', 'name'], doc), doc);
  if (name !== undefined) plan.service = name;
  const analyses: PlanAnalysis[] = [];
  const strategyMap = asMap(strategyPair.value, doc);

  if (canaryPair) {
    const background = pairOf(strategyMap, 'analysis');
    if (background) analyses.push(analysisOf('background', background, plan, doc));
    const stepsNode = valueOf(strategyMap, 'steps', doc);
    if (stepsNode) {
      plan.stepsRef = tightRef(stepsNode, file.text);
      for (const item of asSeq(stepsNode, doc)?.items ?? []) readStep(asMap(item, doc), plan, analyses, doc);
    }
    addExposure(plan, root, strategyMap, doc);
  } else {
    for (const key of ['prePromotionAnalysis', 'postPromotionAnalysis']) {
      const pair = pairOf(strategyMap, key);
      if (pair) analyses.push(analysisOf('promotion', pair, plan, doc));
    }
    const autoPair = pairOf(strategyMap, 'autoPromotionEnabled');
    if (autoPair && textValue(autoPair.value, doc) === 'false')
      plan.manualPromotion = pairKeyRef(autoPair, plan.anchor);
  }

  plan.analyses = analyses;
  const running = analyses.find((a) => a.templates.length > 0);
  if (running) plan.rollback = { automated: true, ref: running.ref };
  readSubscriptions(asMap(nodeAt(root, ['metadata', 'annotations'], doc), doc), plan, file, doc);
  return plan;
}

function analysisOf(kind: PlanAnalysis['kind'], pair: Pair, plan: CanaryPlan, doc: Doc): PlanAnalysis {
  const templates = readAnalysisBlock(pair.value, doc).templates.map((t) => t.name);
  const obsolete =
    templates.length === 0 ? textValue(valueOf(asMap(pair.value, doc), 'templateName', doc), doc) : undefined;
  return {
    kind,
    templates,
    ref: pairKeyRef(pair, plan.anchor),
    ...(obsolete ? { obsoleteTemplateName: obsolete } : {}),
  };
}

function readStep(step: YAMLMap | undefined, plan: CanaryPlan, analyses: PlanAnalysis[], doc: Doc): void {
  if (!step) return;
  const weightPair = pairOf(step, 'setWeight');
  if (weightPair) {
    const node = weightPair.value as Node | null;
    plan.steps.push({
      weight: numberValue(node, doc) ?? null,
      ref: node ? refOf(node) : pairKeyRef(weightPair, plan.anchor),
    });
  }
  const pausePair = pairOf(step, 'pause');
  if (pausePair) readPause(pausePair, plan, doc);
  const analysisPair = pairOf(step, 'analysis');
  if (analysisPair) analyses.push(analysisOf('step', analysisPair, plan, doc));
  // An experiment step's analyses gate the rollout the same way.
  const experimentPair = pairOf(step, 'experiment');
  const experimentAnalyses = asSeq(valueOf(asMap(experimentPair?.value, doc), 'analyses', doc), doc);
  if (experimentPair && experimentAnalyses && experimentAnalyses.items.length > 0) {
    const templates = experimentAnalyses.items
      .map((a) => readTemplateUse(a, doc)?.name)
      .filter((t): t is string => !!t);
    analyses.push({ kind: 'step', templates, ref: pairKeyRef(experimentPair, plan.anchor) });
  }
}

function readPause(pair: Pair, plan: CanaryPlan, doc: Doc): void {
  // The finding covers `pause: {}` whole: the key and its (empty) value.
  const keyRef = pairKeyRef(pair, plan.anchor);
  const valueNode = pair.value as Node | null;
  const valueRef = valueNode?.range ? refOf(valueNode) : undefined;
  const end = valueRef && valueRef.length > 0 ? valueRef.offset + valueRef.length : keyRef.offset + keyRef.length;
  const ref: Ref = { offset: keyRef.offset, length: end - keyRef.offset };
  const durationNode = valueOf(asMap(valueNode, doc), 'duration', doc);
  const weight = plan.steps.at(-1)?.weight ?? undefined;
  if (!durationNode) {
    plan.pauses.push({ durationMs: null, ref, ...(weight !== undefined ? { weight } : {}) });
    return;
  }
  const value = numberValue(durationNode, doc) ?? textValue(durationNode, doc);
  const parsed = parseDuration(value);
  // An unreadable duration is Argo's validation error, not an endless pause: leave it out.
  if (parsed.ok) plan.pauses.push({ durationMs: parsed.ms, ref, ...(weight !== undefined ? { weight } : {}) });
}

/**
 * Without `trafficRouting`, Argo splits traffic by pods: each weight's exposure is the canary's
 * share of pods. Only when `replicas` is written as a number (an HPA or a template decides
 * otherwise) and no `setCanaryScale` step changes the count.
 */
function addExposure(plan: CanaryPlan, root: YAMLMap | undefined, canary: YAMLMap | undefined, doc: Doc): void {
  if (pairOf(canary, 'trafficRouting')) return;
  const scaled = (asSeq(valueOf(canary, 'steps', doc), doc)?.items ?? []).some((s) =>
    pairOf(asMap(s, doc), 'setCanaryScale'),
  );
  if (scaled) return;
  const replicas = numberValue(nodeAt(root, ['spec', 'replicas'], doc), doc);
  if (replicas === undefined) return;
  const surgeText = textValue(valueOf(canary, 'maxSurge', doc), doc);
  const surge = surgeText === undefined || !/^0%?$/.test(surgeText.trim());
  for (const step of plan.steps) {
    if (step.weight === null) continue;
    const share = podShare(replicas, step.weight, surge);
    if (share) step.exposure = share;
  }
}
