/**
 * What a hover says at an offset of a YAML file: a threshold in words, the steps timeline with
 * the time to full and the worst-case time to roll back, alert channels, synthetic step kinds,
 * journeys and `${secret:..}` / `${env:..}` variables. Pure: the editor only renders the lines.
 */
import { isPair, isScalar, visit, type Document } from 'yaml';
import { parseFile, type ParsedFile, type SourceDocument } from '../parse/parseFile';
import type { NativeSchemas } from '../completion/completeAt';
import { descriptionOf, schemasAt } from '../completion/schemaAt';
import { keyPathAt } from '../completion/keyPath';
import type { Ref } from '../parse/yamlNodes';
import { buildCanaryPlan } from '../plan/buildPlan';
import type { CanaryPlan } from '../plan/canaryPlan';
import { buildSyntheticConfig } from '../synthetic/buildSynthetic';
import type { Journey } from '../synthetic/model';
import { describeAlert, listWords } from './alertWords';
import { spanWords } from './spanWords';
import { stepKindDoc } from './stepKinds';
import { describeGate, describeMetric } from './thresholdWords';
import { rollbackWorstCase, stepsTimeline } from './timeline';
import { budgetWords, type BudgetWords } from '../budget/budgetWords';

export interface HoverInfo {
  /** The source range the hover is about (the editor highlights it). */
  ref: Ref;
  title: string;
  /** Plain sentences; `code` in backticks. */
  lines: string[];
  /** The schema's documentation of the key, already markdown (shown after the lines). */
  markdown?: string;
}

const CANARY_KINDS = new Set(['canary', 'argo-rollout', 'flagger-canary']);

export interface HoverOptions {
  /** `.release-safety.yaml`'s `budget:` for canaries without their own. */
  budget?: unknown;
}

export function hoverAt(
  text: string,
  offset: number,
  file: ParsedFile = parseFile(text),
  schemas: NativeSchemas = {},
  options: HoverOptions = {},
): HoverInfo | undefined {
  const document = file.documents.find((d) => offset >= d.offset && offset <= d.offset + d.length);
  if (!document?.kind) return undefined;
  const variable = variableAt(text, offset);
  if (variable) return variable;
  const words = describedHover(document, file, offset, options);
  const keyDoc = schemaKeyHover(document, offset, schemas);
  if (words && keyDoc?.markdown) return { ...words, markdown: keyDoc.markdown };
  return words ?? keyDoc;
}

/** The words about the plan or journey part under the offset. */
function describedHover(
  document: SourceDocument,
  file: ParsedFile,
  offset: number,
  options: HoverOptions,
): HoverInfo | undefined {
  if (!document.kind) return undefined;
  // A hover on a key means its value: `steps:` explains the steps.
  const at = keyToValueOffset(document.doc, offset) ?? offset;
  const candidates: Candidate[] = [];
  try {
    if (CANARY_KINDS.has(document.kind)) {
      const plan = buildCanaryPlan(document, file);
      // A blue-green Rollout has no traffic ladder to describe (its checks are its analyses).
      if (plan && plan.strategy !== 'blueGreen')
        candidates.push(...canaryCandidates(plan, () => budgetWords(plan, document, file, options.budget)));
    } else if (document.kind === 'synthetic') {
      const config = buildSyntheticConfig(document, file);
      for (const journey of config?.journeys ?? []) candidates.push(...journeyCandidates(journey));
    }
  } catch {
    return undefined; // a model builder choking on half-typed YAML must never break the hover
  }
  // The key's value first; the key itself when only it is known (the `canary:` anchor).
  const best = smallestContaining(candidates, at) ?? smallestContaining(candidates, offset);
  return best ? { ref: best.ref, ...best.info() } : undefined;
}

/** On a key of a native document: the schema's description of that key. */
function schemaKeyHover(document: SourceDocument, offset: number, schemas: NativeSchemas): HoverInfo | undefined {
  if (!document.kind) return undefined;
  const root = schemas[document.kind];
  if (!root) return undefined;
  const at = keyPathAt(document.doc, offset);
  if (!at) return undefined;
  const description = descriptionOf(schemasAt(root, at.path));
  const ref = description ? keyRange(document, offset) : undefined;
  return ref && description ? { ref, title: `\`${at.key}\``, lines: [], markdown: description } : undefined;
}

function keyRange(document: SourceDocument, offset: number): Ref | undefined {
  let found: Ref | undefined;
  visit(document.doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return undefined;
      const [start, end] = pair.key.range;
      if (offset < start || offset > end) return undefined;
      found = { offset: start, length: end - start };
      return visit.BREAK;
    },
  });
  return found;
}

function smallestContaining(candidates: Candidate[], offset: number): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!contains(c.ref, offset)) continue;
    if (!best || c.ref.length < best.ref.length) best = c;
  }
  return best;
}

interface Candidate {
  ref: Ref;
  info(): { title: string; lines: string[] };
}

function canaryCandidates(plan: CanaryPlan, budget: () => BudgetWords | undefined): Candidate[] {
  const out: Candidate[] = [];
  const timing = () => {
    const t = stepsTimeline(plan);
    const r = rollbackWorstCase(plan);
    const b = budget();
    return [
      t.text,
      `Time to full: ${t.toFullMs === null ? t.toFullWords : spanWords(t.toFullMs)} (${t.how}).`,
      `Worst case to roll back: ${r.ms === null ? r.words : spanWords(r.ms)} (${r.how}).`,
      ...(b ? [b.how ? `${b.sentence} ${b.how}` : b.sentence] : []),
    ];
  };
  const stepsInfo = () => ({ title: 'Canary steps', lines: timing() });
  if (plan.stepsRef) out.push({ ref: plan.stepsRef, info: stepsInfo });
  plan.steps.forEach((s, i) =>
    out.push({ ref: s.ref, info: () => ({ title: 'Canary step', lines: [stepWords(plan, i), ...timing()] }) }),
  );
  if (plan.stepWeight) out.push({ ref: plan.stepWeight.ref, info: stepsInfo });
  if (plan.maxWeight) out.push({ ref: plan.maxWeight.ref, info: stepsInfo });
  if (plan.interval) {
    const interval = plan.interval;
    out.push({
      ref: interval.ref,
      info: () => ({
        title: 'Interval',
        lines: [
          interval.ms === null
            ? `"${interval.text}" is not a duration.`
            : `Each step is watched for ${spanWords(interval.ms)} before the next one.`,
          ...timing(),
        ],
      }),
    });
  }
  for (const m of plan.metrics) {
    out.push({
      ref: m.ref,
      info: () => ({ title: `Metric ${m.name}`, lines: [describeMetric(m), capitalise(describeGate(m))] }),
    });
    if (m.threshold)
      out.push({
        ref: m.threshold.ref,
        info: () => ({ title: 'Threshold', lines: [capitalise(describeGate(m)) + '.', describeMetric(m)] }),
      });
  }
  const rollbackInfo = () => {
    const r = rollbackWorstCase(plan);
    return { title: 'Rollback', lines: [`The canary ${r.words}.`, `How: ${r.how}.`] };
  };
  if (plan.rollback.ref) out.push({ ref: plan.rollback.ref, info: rollbackInfo });
  if (plan.failureLimitRef) out.push({ ref: plan.failureLimitRef, info: rollbackInfo });
  if (plan.minRequestsRef && plan.minRequests !== undefined) {
    const n = plan.minRequests;
    out.push({
      ref: plan.minRequestsRef,
      info: () => ({
        title: 'Sample guard',
        lines: [
          `A check with fewer than ${n} requests is inconclusive, never healthy: too few requests prove nothing.`,
        ],
      }),
    });
  }
  for (const a of plan.alerts)
    out.push({ ref: a.ref, info: () => ({ title: 'Alert channel', lines: [capitalise(describeAlert(a)) + '.'] }) });
  if (plan.alertsRef) {
    out.push({
      ref: plan.alertsRef,
      info: () => ({
        title: 'Alerts',
        lines: plan.alerts.length
          ? plan.alerts.map((a) => capitalise(describeAlert(a)) + '.')
          : ['Nobody hears about a breach: add a channel such as slack:#deploys.'],
      }),
    });
  }
  out.push({
    ref: plan.anchor,
    info: () => ({
      title: plan.service ? `Canary of ${plan.service}` : 'Canary',
      lines: [
        ...timing(),
        plan.metrics.length
          ? `Gates: ${plan.metrics.map((m) => describeGate(m)).join('; ')}.`
          : 'No metrics: nothing decides whether the canary is healthy.',
        plan.alerts.length
          ? `Alerts: ${plan.alerts.map((a) => describeAlert(a)).join('; ')}.`
          : 'No alerts: nobody hears about a breach.',
      ],
    }),
  });
  return out;
}

/** "Step 3 of 5: 25% of traffic, watched from 10 min to 15 min after the start." */
function stepWords(plan: CanaryPlan, i: number): string {
  const w = plan.steps[i].weight;
  const head = `Step ${i + 1} of ${plan.steps.length}: ${w === null ? 'an unreadable weight' : `${w}% of traffic`}`;
  const interval = plan.interval?.ms;
  if (plan.format === 'argo' || interval === null || interval === undefined) return `${head}.`;
  if (i === 0) return `${head}, watched for the first ${spanWords(interval)}.`;
  return `${head}, watched from ${spanWords(i * interval)} to ${spanWords((i + 1) * interval)} after the start.`;
}

function journeyCandidates(journey: Journey): Candidate[] {
  const out: Candidate[] = [
    {
      ref: journey.nameRef,
      info: () => ({ title: `Journey: ${journey.name}`, lines: journeySummary(journey) }),
    },
  ];
  for (const step of journey.steps) {
    const doc = stepKindDoc(step.spec.kind);
    if (!doc) continue;
    out.push({
      ref: step.keyRef,
      info: () => ({
        title: `Step \`${doc.kind}\``,
        lines: [
          `${capitalise(doc.words)}.`,
          doc.browser ? 'A browser step: the journey runs in a local Chromium.' : 'An API step: no browser needed.',
        ],
      }),
    });
  }
  return out;
}

function journeySummary(j: Journey): string[] {
  const lines = [
    `${j.kind === 'browser' ? 'A browser journey' : 'An API journey'} of ${j.steps.length} step${j.steps.length === 1 ? '' : 's'}.`,
  ];
  const where = j.locations.length ? ` from ${listWords(j.locations)}` : '';
  if (j.frequencyMs !== undefined) lines.push(`Runs every ${spanWords(j.frequencyMs)}${where}.`);
  else if (where) lines.push(`Runs${where}.`);
  lines.push(
    j.alerts.length
      ? `Alerts${j.alertsInherited ? ' (inherited)' : ''}: ${j.alerts.map((a) => describeAlert(a)).join('; ')}.`
      : 'No alerts: a failure of this journey reaches nobody.',
  );
  return lines;
}

const VARIABLE = /\$\{(?:(secret|env):)?([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

function variableAt(text: string, offset: number): HoverInfo | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(line); m; m = VARIABLE.exec(line)) {
    const ref = { offset: lineStart + m.index, length: m[0].length };
    if (!contains(ref, offset)) continue;
    const [, source, name] = m;
    const lines =
      source === 'secret'
        ? [
            `\`${name}\` comes from the editor's secret storage (the environment in the CLI).`,
            'Its value never appears in any output, log or report.',
          ]
        : source === 'env'
          ? [
              `\`${name}\` comes from the environment variable ${name}, else from the .env file at the workspace folder root (the CLI: --env-file).`,
              'For passwords and tokens use ${secret:' + name + '} instead: secrets are masked in every output.',
            ]
          : [`\`${name}\` is a value captured by an earlier step (\`capture:\`).`];
    return {
      ref,
      title: source === 'secret' ? 'Secret' : source === 'env' ? 'Environment variable' : 'Captured value',
      lines,
    };
  }
  return undefined;
}

/** When the offset is on a map key, the offset of that key's value (so a hover on `steps:` explains the steps). */
function keyToValueOffset(doc: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return undefined;
      const [start, end] = pair.key.range;
      if (offset < start || offset > end) return undefined;
      const value = pair.value as { range?: [number, number, number] } | null;
      if (value?.range) found = value.range[0];
      return visit.BREAK;
    },
  });
  return found;
}

function contains(ref: Ref, offset: number): boolean {
  return offset >= ref.offset && offset <= ref.offset + ref.length;
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
