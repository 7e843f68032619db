/** The normalised plan of a native `canary:` document (docs/formats/canary.md). */
import { splitChannel } from '../model/alertChannel';
import type { Node, YAMLMap } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { asMap, asScalar, asSeq, pairOf, refOf, valueOf } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import { METRIC_UNITS, wellKnownMetric, type MetricUnit } from '../model/metrics';
import { fitThresholdToUnit, parseThreshold } from '../model/threshold';
import type { CanaryPlan, CanarySourceConfig, PlanAlert, PlanMetric, SourceAccessConfig } from './canaryPlan';
import type { SourceAuthConfig } from '../net/sourceAuth';
import {
  emptyPlan,
  looksLikeErrorMetric,
  numberValue,
  pairKeyRef,
  refInsideScalar,
  textValue,
  tightRef,
  valueRefIn,
} from './planParts';

export const DEFAULT_REQUESTS_METRIC = 'http_requests_total';
export const DEFAULT_LATENCY_METRIC = 'http_request_duration_seconds';
export const DEFAULT_STATUS_LABEL = 'code';

export function buildNativePlan(document: SourceDocument, file: ParsedFile): CanaryPlan | undefined {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const canaryPair = pairOf(root, 'canary');
  if (!canaryPair) return undefined;
  const anchor = pairKeyRef(canaryPair, { offset: document.offset, length: 0 });
  const plan = emptyPlan('native', document.index, anchor);
  const canary = asMap(canaryPair.value, doc);
  if (!canary) {
    // `canary:` with nothing under it yet is an empty plan (every "missing" rule speaks);
    // a scalar or a list is the schema's business, not a plan.
    const empty =
      canaryPair.value === null ||
      (asScalar(canaryPair.value, doc) !== undefined && asScalar(canaryPair.value, doc)!.value === null);
    return empty ? plan : undefined;
  }

  const service = textValue(valueOf(canary, 'service', doc), doc);
  if (service !== undefined) plan.service = service;

  readSteps(canary, plan, file, doc);
  readInterval(canary, plan, file, doc);
  readMetrics(canary, plan, file, doc);
  readRollback(canary, plan, file, doc);
  readAlerts(canary, plan, file, doc);

  const failureLimitNode = valueOf(canary, 'failure_limit', doc);
  const failureLimit = numberValue(failureLimitNode, doc);
  if (failureLimitNode) plan.failureLimitRef = valueRefIn(canary, 'failure_limit', file.text, anchor);
  if (failureLimit !== undefined) plan.failureLimit = failureLimit;
  const minRequestsNode = valueOf(canary, 'min_requests', doc);
  const minRequests = numberValue(minRequestsNode, doc);
  if (minRequestsNode) plan.minRequestsRef = valueRefIn(canary, 'min_requests', file.text, anchor);
  if (minRequests !== undefined) plan.minRequests = minRequests;

  const source = readSource(asMap(valueOf(canary, 'source', doc), doc), file, doc);
  if (source) plan.source = source;
  return plan;
}

type Doc = SourceDocument['doc'];

function readSteps(canary: YAMLMap, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  const node = valueOf(canary, 'steps', doc);
  if (!node) return;
  plan.stepsRef = valueRefIn(canary, 'steps', file.text, plan.anchor);
  const seq = asSeq(node, doc);
  if (!seq) return;
  for (const item of seq.items) {
    const n = item as Node;
    plan.steps.push({ weight: numberValue(n, doc) ?? null, ref: refOf(n) });
  }
}

function readInterval(canary: YAMLMap, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  const node = valueOf(canary, 'interval', doc);
  if (!node) return;
  const text = textValue(node, doc);
  // A bare number has no unit here (is `5` seconds or minutes?): parse it as text so it is refused.
  const result = parseDuration(text ?? null);
  plan.interval = {
    text: text ?? '',
    ms: result.ok ? result.ms : null,
    ref: valueRefIn(canary, 'interval', file.text, plan.anchor)!,
    ...(result.ok ? {} : { error: result.error }),
  };
}

function readMetrics(canary: YAMLMap, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  const node = valueOf(canary, 'metrics', doc);
  if (!node) return;
  plan.metricsRef = valueRefIn(canary, 'metrics', file.text, plan.anchor);
  const seq = asSeq(node, doc);
  if (!seq) return;
  for (const item of seq.items) {
    const map = asMap(item, doc);
    if (!map) continue;
    const nameNode = valueOf(map, 'name', doc);
    const name = textValue(nameNode, doc) ?? '';
    const known = wellKnownMetric(name);
    const declaredUnit = textValue(valueOf(map, 'unit', doc), doc);
    const unit: MetricUnit | undefined =
      known?.unit ?? (METRIC_UNITS.includes(declaredUnit as MetricUnit) ? (declaredUnit as MetricUnit) : undefined);
    const query = textValue(valueOf(map, 'query', doc), doc);
    const metric: PlanMetric = {
      name,
      ref: refOf(nameNode ?? (item as Node)),
      builtin: !!known,
      watchesErrors: known ? known.watchesErrors : query !== undefined && looksLikeErrorMetric(name, query),
      ...(unit ? { unit } : {}),
      ...(query !== undefined ? { query } : {}),
    };
    const thresholdNode = valueOf(map, 'threshold', doc);
    if (thresholdNode) metric.threshold = readThreshold(thresholdNode, unit, file, doc);
    plan.metrics.push(metric);
  }
}

function readThreshold(
  node: Node,
  unit: MetricUnit | undefined,
  file: ParsedFile,
  doc: Doc,
): NonNullable<PlanMetric['threshold']> {
  const raw = asScalar(node, doc)?.value;
  const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  const ref = refOf(node);
  const parsed = parseThreshold(raw);
  if (!parsed.ok) {
    const end = text.trimEnd().length;
    return {
      text,
      ref,
      error: parsed.error,
      errorRef: refInsideScalar(node, file.text, parsed.column, Math.max(1, end - parsed.column)),
    };
  }
  if (!unit) return { text, ref, parsed: parsed.threshold };
  const fitted = fitThresholdToUnit(parsed.threshold, unit);
  if (fitted.ok) return { text, ref, parsed: fitted.threshold };
  const t = parsed.threshold;
  const unitText = 'unit' in t && t.unit ? t.unit : '';
  const at = unitText ? text.lastIndexOf(unitText) : -1;
  return {
    text,
    ref,
    error: fitted.error,
    errorRef: at >= 0 ? refInsideScalar(node, file.text, at, unitText.length) : ref,
  };
}

function readRollback(canary: YAMLMap, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  const node = valueOf(canary, 'on_failure', doc);
  if (!node) return;
  const value = textValue(node, doc);
  plan.rollback = {
    automated: value === 'rollback',
    ref: valueRefIn(canary, 'on_failure', file.text, plan.anchor)!,
    ...(value !== undefined ? { value } : {}),
  };
}

function readAlerts(canary: YAMLMap, plan: CanaryPlan, file: ParsedFile, doc: Doc): void {
  const node = valueOf(canary, 'alerts', doc);
  if (!node) return;
  plan.alertsRef = valueRefIn(canary, 'alerts', file.text, plan.anchor);
  const seq = asSeq(node, doc);
  if (!seq) return;
  for (const item of seq.items) {
    const map = asMap(item, doc);
    // `- slack:#deploys` is read as the channel itself: a shorthand people write.
    const channelNode = map ? valueOf(map, 'channel', doc) : (item as Node);
    const channel = textValue(channelNode, doc);
    if (channel === undefined) continue;
    const alert: PlanAlert = { channel, ref: refOf(channelNode), ...splitChannel(channel) };
    const onNode = map ? valueOf(map, 'on', doc) : undefined;
    if (onNode) {
      const onSeq = asSeq(onNode, doc);
      const events = onSeq
        ? onSeq.items.map((e) => textValue(e, doc)).filter((e): e is string => e !== undefined)
        : [textValue(onNode, doc)].filter((e): e is string => e !== undefined);
      alert.on = events;
    }
    plan.alerts.push(alert);
  }
}

function readSource(map: YAMLMap | undefined, file: ParsedFile, doc: Doc): CanarySourceConfig | undefined {
  if (!map) return undefined;
  const source: CanarySourceConfig = {
    requestsMetric: textValue(valueOf(map, 'requests_metric', doc), doc) ?? DEFAULT_REQUESTS_METRIC,
    latencyMetric: textValue(valueOf(map, 'latency_metric', doc), doc) ?? DEFAULT_LATENCY_METRIC,
    statusLabel: textValue(valueOf(map, 'status_label', doc), doc) ?? DEFAULT_STATUS_LABEL,
    ref: tightRef(map, file.text),
  };
  const scrape = asMap(valueOf(map, 'scrape', doc), doc);
  if (scrape) {
    source.scrape = {
      canary: textValue(valueOf(scrape, 'canary', doc), doc) ?? '',
      baseline: textValue(valueOf(scrape, 'baseline', doc), doc) ?? '',
      ...readAccess(scrape, doc),
    };
  }
  const prom = asMap(valueOf(map, 'prometheus', doc), doc);
  if (prom) {
    source.prometheus = {
      url: textValue(valueOf(prom, 'url', doc), doc) ?? '',
      canary: textValue(valueOf(prom, 'canary', doc), doc) ?? '',
      baseline: textValue(valueOf(prom, 'baseline', doc), doc) ?? '',
      ...readAccess(prom, doc),
    };
  }
  return source;
}

/** `auth:` and `ca:` beside the URLs; shapes the schema rejects are passed on for createSource to name. */
function readAccess(map: YAMLMap, doc: Doc): SourceAccessConfig {
  const out: SourceAccessConfig = {};
  const ca = textValue(valueOf(map, 'ca', doc), doc);
  if (ca !== undefined) out.ca = ca;
  const auth = asMap(valueOf(map, 'auth', doc), doc);
  if (auth) {
    const a: SourceAuthConfig = {};
    const bearer = textValue(valueOf(auth, 'bearer', doc), doc);
    if (bearer !== undefined) a.bearer = bearer;
    const basic = asMap(valueOf(auth, 'basic', doc), doc);
    if (basic) {
      const user = textValue(valueOf(basic, 'user', doc), doc);
      const password = textValue(valueOf(basic, 'password', doc), doc);
      a.basic = { ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}) };
    }
    out.auth = a;
  }
  return out;
}

/** For rules that need every key of the native canary map (e.g. to place a fix). */
export function nativeCanaryMap(document: SourceDocument): YAMLMap | undefined {
  const doc = document.doc;
  return asMap(valueOf(asMap(doc.contents, doc), 'canary', doc), doc);
}
