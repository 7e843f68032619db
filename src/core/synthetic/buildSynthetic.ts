/**
 * Builds the typed synthetic model of a native `synthetic:` document (docs/formats/synthetic.md), every part with
 * its source range. Never throws: a value of the wrong type is skipped and recorded in `problems`
 * (the schema rules tell the user; the runner refuses journeys that have problems).
 */
import type { Node } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, asScalar, asSeq, deref, entries, pairOf, refOf, valueOf } from '../parse/yamlNodes';
import type { BrowserStepKind, Journey, Step, StepKind, SyntheticConfig } from './model';
import { Reader } from './syntheticReader';
import { readRequest } from './readRequestStep';
import { readBrowser } from './readBrowserStep';

export const BROWSER_STEP_KINDS: readonly BrowserStepKind[] = [
  'goto',
  'click',
  'fill',
  'press',
  'select',
  'wait_for',
  'expect_visible',
  'expect_text',
  'expect_url',
  'expect_load_time',
  'screenshot',
];
export const STEP_KINDS: readonly StepKind[] = ['request', ...BROWSER_STEP_KINDS];
export function buildSyntheticConfig(document: SourceDocument, file: ParsedFile): SyntheticConfig | undefined {
  try {
    return build(document, file.text);
  } catch {
    // A bug of ours must not take the linter down; the rules simply see no model.
    return undefined;
  }
}
function build(document: SourceDocument, text: string): SyntheticConfig | undefined {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const pair = pairOf(root, 'synthetic');
  if (!pair) return undefined;
  const r = new Reader(doc, text);
  const anchor = refOf(pair.key as Node);
  const map = asMap(pair.value, doc);
  const config: SyntheticConfig = { docIndex: document.index, anchor, alerts: [], journeys: [], problems: r.problems };
  if (!map) {
    r.problem(
      '`synthetic` should be a map with `journeys` (and defaults such as `base_url`)',
      pair.value ? refOf(pair.value as Node) : anchor,
    );
    return config;
  }
  const baseUrl = r.string(valueOf(map, 'base_url', doc), '`base_url`');
  if (baseUrl) config.baseUrl = baseUrl;
  const frequency = r.duration(valueOf(map, 'frequency', doc), '`frequency`');
  if (frequency) {
    config.frequency = { value: frequency.text, ref: frequency.ref };
    config.frequencyMs = frequency.ms;
  }
  const locations = r.stringList(valueOf(map, 'locations', doc), '`locations`');
  if (locations) config.locations = locations;
  const alertsNode = valueOf(map, 'alerts', doc);
  config.alerts = r.alerts(alertsNode);
  if (alertsNode) config.alertsRef = refOf(alertsNode);

  const journeysNode = valueOf(map, 'journeys', doc);
  if (journeysNode) {
    config.journeysRef = refOf(journeysNode);
    const seq = asSeq(journeysNode, doc);
    if (!seq) r.problem('`journeys` should be a list of journeys, each with a `name` and `steps`', refOf(journeysNode));
    else {
      seq.items.forEach((item, i) => {
        r.journeyIndex = config.journeys.length;
        const journey = readJourney(r, deref(item, doc), i, config);
        r.journeyIndex = undefined;
        if (journey) config.journeys.push(journey);
      });
    }
  }
  return config;
}

function readJourney(r: Reader, node: Node | undefined, index: number, config: SyntheticConfig): Journey | undefined {
  const doc = r.doc;
  const map = asMap(node, doc);
  if (!map) {
    r.journeyIndex = undefined;
    r.problem('each journey should be a map with `name` and `steps`', refOf(node));
    return undefined;
  }
  const ref = r.trimmed(refOf(map));
  const name = r.string(valueOf(map, 'name', doc), 'the journey `name`');
  const journey: Journey = {
    index,
    name: name?.value ?? `journey ${index + 1}`,
    nameRef: name?.ref ?? ref,
    ref,
    kind: 'api',
    locations: config.locations?.value ?? [],
    alerts: config.alerts,
    alertsInherited: true,
    steps: [],
  };
  const baseUrl = r.string(valueOf(map, 'base_url', doc), '`base_url`') ?? config.baseUrl;
  if (baseUrl) journey.baseUrl = baseUrl;
  const frequency = r.duration(valueOf(map, 'frequency', doc), '`frequency`');
  if (frequency) {
    journey.frequency = { value: frequency.text, ref: frequency.ref };
    journey.frequencyMs = frequency.ms;
  } else if (config.frequency) {
    journey.frequency = config.frequency;
    if (config.frequencyMs !== undefined) journey.frequencyMs = config.frequencyMs;
  }
  const locations = r.stringList(valueOf(map, 'locations', doc), '`locations`');
  if (locations) journey.locations = locations.value;
  const locationsRef = locations?.ref ?? config.locations?.ref;
  if (locationsRef) journey.locationsRef = locationsRef;
  const alertsNode = valueOf(map, 'alerts', doc);
  if (alertsNode) {
    journey.alertsRef = refOf(alertsNode);
    const own = r.alerts(alertsNode);
    // An explicit but empty list does not silence the defaults: "own and inherited are empty" fires.
    if (own.length > 0) {
      journey.alerts = own;
      journey.alertsInherited = false;
    }
  }
  const retriesNode = valueOf(map, 'retries', doc);
  if (retriesNode) {
    const v = asScalar(retriesNode, doc)?.value;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) journey.retries = v;
    else r.problem('`retries` should be a whole number, 0 or more', refOf(retriesNode));
  }
  const timeout = r.duration(valueOf(map, 'timeout', doc), 'the journey `timeout`');
  if (timeout) {
    journey.timeoutMs = timeout.ms;
    journey.timeoutRef = timeout.ref;
  }
  const stepsNode = valueOf(map, 'steps', doc);
  if (stepsNode) {
    journey.stepsRef = refOf(stepsNode);
    const seq = asSeq(stepsNode, doc);
    if (!seq) r.problem('`steps` should be a list of steps', refOf(stepsNode));
    else {
      seq.items.forEach((item, i) => {
        const step = readStep(r, deref(item, doc), i);
        if (step) journey.steps.push(step);
      });
    }
  }
  if (journey.steps.some((s) => s.spec.kind === 'goto')) journey.kind = 'browser';
  return journey;
}

function readStep(r: Reader, node: Node | undefined, index: number): Step | undefined {
  const doc = r.doc;
  const map = asMap(node, doc);
  if (!map) {
    r.problem(`a step should be a map such as \`request: GET /health\` or \`goto: /login\``, refOf(node));
    return undefined;
  }
  const kinds = entries(map).filter(([k]) => (STEP_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0) {
    r.problem(`this step has no action: use one of ${STEP_KINDS.map((k) => `\`${k}\``).join(', ')}`, refOf(map));
    return undefined;
  }
  if (kinds.length > 1) {
    r.problem(
      `a step does one thing: this one has ${kinds.map(([k]) => `\`${k}\``).join(' and ')}; split it into ${kinds.length} steps`,
      refOf(kinds[1][1].key as Node),
    );
  }
  const [kind, kindPair] = kinds[0];
  const keyRef = refOf(kindPair.key as Node);
  const step: Step = { index, ref: r.trimmed(refOf(map)), keyRef, spec: undefined as unknown as Step['spec'] };
  const name = r.string(valueOf(map, 'name', doc), 'the step `name`');
  if (name) {
    step.name = name.value;
    step.nameRef = name.ref;
  }
  const timeout = r.duration(valueOf(map, 'timeout', doc), 'the step `timeout`');
  if (timeout) {
    step.timeoutMs = timeout.ms;
    step.timeoutRef = timeout.ref;
  }
  const spec =
    kind === 'request' ? readRequest(r, map, kindPair) : readBrowser(r, kind as BrowserStepKind, kindPair, step);
  if (!spec) return undefined;
  step.spec = spec;
  // Any step may declare side effects: a click's form post, a press that submits a search.
  const sideEffects =
    spec.kind === 'request' ? spec.sideEffects : r.string(valueOf(map, 'side_effects', doc), '`side_effects`');
  if (sideEffects) step.sideEffects = sideEffects;
  return step;
}
