/**
 * The normalised plan of an Argo Rollout with a canary strategy. Its weights are the
 * `setWeight` steps; rollback is automated by an analysis (background or at a step), because a
 * failed AnalysisRun aborts the rollout and sends the weight back to zero; alerts are the
 * `notifications.argoproj.io/subscribe.TRIGGER.SERVICE` annotations.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, entries, nodeAt, pairOf, refOf, valueOf, type Ref } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import type { CanaryPlan, PlanAnalysis } from './canaryPlan';
import { emptyPlan, numberValue, pairKeyRef, textValue, tightRef } from './planParts';

const SUBSCRIBE_PREFIX = 'notifications.argoproj.io/subscribe.';
const SUBSCRIPTIONS_KEY = 'notifications.argoproj.io/subscriptions';

type Doc = SourceDocument['doc'];

export function buildArgoPlan(document: SourceDocument, file: ParsedFile): CanaryPlan | undefined {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const strategy = asMap(nodeAt(root, ['spec', 'strategy'], doc), doc);
  const canaryPair = pairOf(strategy, 'canary');
  // A blue-green Rollout (or one without a strategy yet) is not a canary: no canary rules.
  if (!canaryPair) return undefined;
  const plan = emptyPlan('argo', document.index, pairKeyRef(canaryPair, { offset: document.offset, length: 0 }));
  const name = textValue(nodeAt(root, ['metadata', 'name'], doc), doc);
  if (name !== undefined) plan.service = name;
  const canary = asMap(canaryPair.value, doc);
  const analyses: PlanAnalysis[] = [];

  const background = pairOf(canary, 'analysis');
  if (background) analyses.push({ kind: 'background', templates: templateNames(background.value, doc), ref: pairKeyRef(background, plan.anchor) });

  const stepsNode = valueOf(canary, 'steps', doc);
  if (stepsNode) {
    plan.stepsRef = tightRef(stepsNode, file.text);
    for (const item of asSeq(stepsNode, doc)?.items ?? []) readStep(asMap(item, doc), plan, analyses, doc);
  }

  plan.analyses = analyses;
  if (analyses.length > 0) plan.rollback = { automated: true, ref: analyses[0].ref };
  readSubscriptions(asMap(nodeAt(root, ['metadata', 'annotations'], doc), doc), plan, file, doc);
  return plan;
}

function readStep(step: YAMLMap | undefined, plan: CanaryPlan, analyses: PlanAnalysis[], doc: Doc): void {
  if (!step) return;
  const weightPair = pairOf(step, 'setWeight');
  if (weightPair) {
    const node = weightPair.value as Node | null;
    plan.steps.push({ weight: numberValue(node, doc) ?? null, ref: node ? refOf(node) : pairKeyRef(weightPair, plan.anchor) });
  }
  const pausePair = pairOf(step, 'pause');
  if (pausePair) readPause(pausePair, plan, doc);
  const analysisPair = pairOf(step, 'analysis');
  if (analysisPair) analyses.push({ kind: 'step', templates: templateNames(analysisPair.value, doc), ref: pairKeyRef(analysisPair, plan.anchor) });
  // An experiment step with analyses gates the rollout the same way.
  const experimentPair = pairOf(step, 'experiment');
  const experimentAnalyses = asSeq(valueOf(asMap(experimentPair?.value, doc), 'analyses', doc), doc);
  if (experimentPair && experimentAnalyses && experimentAnalyses.items.length > 0) {
    const templates = experimentAnalyses.items.map((a) => textValue(valueOf(asMap(a, doc), 'templateName', doc), doc)).filter((t): t is string => !!t);
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
  if (!durationNode) {
    plan.pauses.push({ durationMs: null, ref });
    return;
  }
  const value = numberValue(durationNode, doc) ?? textValue(durationNode, doc);
  const parsed = parseDuration(value);
  // An unreadable duration is Argo's validation error, not an endless pause: leave it out.
  if (parsed.ok) plan.pauses.push({ durationMs: parsed.ms, ref });
}

function templateNames(node: unknown, doc: Doc): string[] {
  const templates = asSeq(valueOf(asMap(node, doc), 'templates', doc), doc);
  const names: string[] = [];
  for (const t of templates?.items ?? []) {
    const map = asMap(t, doc);
    const name = textValue(valueOf(map, 'templateName', doc), doc);
    if (name) names.push(name);
  }
  return names;
}

function readSubscriptions(annotations: YAMLMap | undefined, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  if (!annotations) return;
  for (const [key, pair] of entries(annotations)) {
    if (key.startsWith(SUBSCRIBE_PREFIX)) {
      // subscribe.on-rollout-aborted.slack: my-channel   (recipients may be ';'-separated)
      const rest = key.slice(SUBSCRIBE_PREFIX.length);
      const dot = rest.lastIndexOf('.');
      const trigger = dot > 0 ? rest.slice(0, dot) : undefined;
      const service = dot > 0 ? rest.slice(dot + 1) : rest;
      const recipients = (textValue(pair.value, doc) ?? '').split(';').map((r) => r.trim()).filter(Boolean);
      const ref = pairKeyRef(pair, plan.anchor);
      for (const recipient of recipients.length ? recipients : ['']) {
        plan.alerts.push({ channel: `${service}:${recipient}`, kind: service, target: recipient, ref, ...(trigger ? { on: [trigger] } : {}) });
      }
      plan.alertsRef ??= tightRef(annotations, file.text);
    } else if (key === SUBSCRIPTIONS_KEY && textValue(pair.value, doc)) {
      // The older multi-line form: a YAML list of {recipients, triggers} kept as one entry.
      plan.alerts.push({ channel: 'subscriptions', ref: pairKeyRef(pair, plan.anchor) });
      plan.alertsRef ??= tightRef(annotations, file.text);
    }
  }
}
