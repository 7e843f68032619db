/**
 * Flagger's side of `analyze`: a Canary's metrics as Flagger checks them. Built-ins get the
 * provider's queries (flaggerQueries.ts); a `templateRef` gets the MetricTemplate's query with
 * Flagger's model filled in; an inline `query` (older Canaries) is rendered the same way. The
 * model comes from the Canary as Flagger builds it (toMetricModel in pkg/controller):
 * target = targetRef.name, service / ingress / route default to it, interval defaults to 1m.
 */
import type { Node, YAMLMap } from 'yaml';
import type { SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, entries, nodeAt, refOf, valueOf } from '../parse/yamlNodes';
import { numberValue, textValue } from '../plan/planParts';
import type { AnalysisFile, AnalysisJob, FlaggerJudge, JobOptions, MetricJob } from './job';
import { builtinQueries, type FlaggerModel } from './flaggerQueries';
import { fillFlaggerQuery } from './placeholders';

type Doc = SourceDocument['doc'];

/** Flagger's own default (`-metrics-server` flag of its deployment). */
export const FLAGGER_DEFAULT_METRICS_SERVER = 'http://prometheus:9090';
const DEFAULT_METRIC_INTERVAL = '1m';

export interface MetricTemplateDoc {
  source: AnalysisFile;
  document: SourceDocument;
  name: string;
  namespace?: string;
}

export function metricTemplateDoc(source: AnalysisFile, document: SourceDocument): MetricTemplateDoc {
  const root = asMap(document.doc.contents, document.doc);
  const name = textValue(nodeAt(root, ['metadata', 'name'], document.doc), document.doc) ?? '(unnamed)';
  const namespace = textValue(nodeAt(root, ['metadata', 'namespace'], document.doc), document.doc);
  return { source, document, name, ...(namespace ? { namespace } : {}) };
}

export function jobForCanary(
  document: SourceDocument,
  source: AnalysisFile,
  templates: MetricTemplateDoc[],
  options: JobOptions,
  errors: string[],
): AnalysisJob | undefined {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const spec = asMap(valueOf(root, 'spec', doc), doc);
  const name = textValue(nodeAt(root, ['metadata', 'name'], doc), doc) ?? '(unnamed)';
  const where = `${source.path}: Canary ${name}`;
  const analysis = asMap(valueOf(spec, 'analysis', doc) ?? valueOf(spec, 'canaryAnalysis', doc), doc);
  const target = textValue(nodeAt(spec, ['targetRef', 'name'], doc), doc) ?? name;
  const given = (key: string) =>
    options.args && Object.prototype.hasOwnProperty.call(options.args, key) ? options.args[key] : undefined;
  const base: Omit<FlaggerModel, 'interval' | 'variables'> = {
    name,
    namespace: given('namespace') ?? textValue(nodeAt(root, ['metadata', 'namespace'], doc), doc) ?? 'default',
    target: given('target') ?? target,
    service: given('service') ?? textValue(nodeAt(spec, ['service', 'name'], doc), doc) ?? target,
    ingress: given('ingress') ?? textValue(nodeAt(spec, ['ingressRef', 'name'], doc), doc) ?? target,
    route: given('route') ?? textValue(nodeAt(spec, ['routeRef', 'name'], doc), doc) ?? target,
  };
  const provider = textValue(valueOf(spec, 'provider', doc), doc);
  const server =
    options.prometheus ?? textValue(valueOf(spec, 'metricsServer', doc), doc) ?? FLAGGER_DEFAULT_METRICS_SERVER;
  const threshold = numberValue(valueOf(analysis, 'threshold', doc), doc);
  const metrics: MetricJob[] = [];
  for (const item of asSeq(valueOf(analysis, 'metrics', doc), doc)?.items ?? []) {
    const map = asMap(item, doc);
    if (!map) continue;
    const nameNode = valueOf(map, 'name', doc);
    const metricName = textValue(nameNode, doc) ?? '(unnamed)';
    const interval = textValue(valueOf(map, 'interval', doc), doc) ?? DEFAULT_METRIC_INTERVAL;
    const variables: Record<string, string> = Object.create(null);
    for (const [k, pair] of entries(asMap(valueOf(map, 'templateVariables', doc), doc))) {
      const v = textValue(pair.value, doc);
      if (v !== undefined) variables[k] = v;
    }
    const model: FlaggerModel = { ...base, interval, variables };
    const judge = judgeOf(map, doc, metricName, interval, threshold);
    const at = { path: source.path, ...refOf((nameNode ?? map) as Node) };
    const job = (query: string, address: string, extra: Partial<FlaggerJudge> = {}): MetricJob => ({
      name: metricName,
      query: query.replace(/\s+/g, ' ').trim(),
      address,
      judge: { ...judge, ...extra },
      at,
    });

    const ref = asMap(valueOf(map, 'templateRef', doc), doc);
    const inline = textValue(valueOf(map, 'query', doc), doc);
    if (ref) {
      const refName = textValue(valueOf(ref, 'name', doc), doc) ?? '';
      const refNamespace = textValue(valueOf(ref, 'namespace', doc), doc) ?? base.namespace;
      const found =
        templates.find((t) => t.name === refName && (t.namespace ?? base.namespace) === refNamespace) ??
        templates.find((t) => t.name === refName);
      if (!found) {
        errors.push(
          `${where}: metric ${metricName} uses MetricTemplate ${refName}, which is in none of the files given; name its file too (release-safety analyze ${source.path} PATH).`,
        );
        continue;
      }
      const tdoc = found.document.doc;
      const tspec = asMap(valueOf(asMap(tdoc.contents, tdoc), 'spec', tdoc), tdoc);
      const type = textValue(nodeAt(tspec, ['provider', 'type'], tdoc), tdoc) ?? 'prometheus';
      if (type !== 'prometheus') {
        metrics.push({
          ...job('', ''),
          unsupported: `MetricTemplate ${refName} uses the ${type} provider, which is not supported; analyze queries Prometheus only`,
        });
        continue;
      }
      const address = options.prometheus ?? textValue(nodeAt(tspec, ['provider', 'address'], tdoc), tdoc);
      const raw = textValue(valueOf(tspec, 'query', tdoc), tdoc);
      if (!raw) {
        errors.push(`${found.source.path}: MetricTemplate ${refName} has no query.`);
        continue;
      }
      if (!address) {
        errors.push(
          `${found.source.path}: MetricTemplate ${refName} names no provider address; pass --prometheus URL.`,
        );
        continue;
      }
      const filled = fillFlaggerQuery(raw, model);
      if (!filled.ok) {
        for (const m of filled.missing)
          errors.push(
            `${where}: metric ${metricName}: MetricTemplate ${refName} uses {{ ${m} }}, which has no value${m.startsWith('variables.') ? `; add it under the metric's templateVariables` : ''}.`,
          );
        continue;
      }
      metrics.push(job(filled.text, address));
    } else if (metricName === 'request-success-rate' || metricName === 'request-duration') {
      const q = builtinQueries(provider, model);
      metrics.push(
        metricName === 'request-success-rate'
          ? job(q.successRate, server)
          : job(q.duration, server, { wholeMilliseconds: true }),
      );
    } else if (inline) {
      const filled = fillFlaggerQuery(inline, model);
      if (!filled.ok) {
        for (const m of filled.missing)
          errors.push(`${where}: metric ${metricName}: the query uses {{ ${m} }}, which has no value.`);
        continue;
      }
      metrics.push(job(filled.text, server));
    } else {
      errors.push(
        `${where}: metric ${metricName} is not built in and has neither a templateRef nor a query; Flagger cannot check it either.`,
      );
    }
  }
  if (metrics.length === 0 && errors.length === 0) errors.push(`${where}: no analysis metrics to check.`);
  return { path: source.path, kind: 'Canary', name, metrics };
}

/** thresholdRange min / max; the deprecated `threshold` is a minimum for the success rate, a maximum otherwise. */
function judgeOf(
  map: YAMLMap,
  doc: Doc,
  name: string,
  interval: string,
  failedChecks: number | undefined,
): FlaggerJudge {
  const range = asMap(valueOf(map, 'thresholdRange', doc), doc);
  const min = numberValue(valueOf(range, 'min', doc), doc);
  const max = numberValue(valueOf(range, 'max', doc), doc);
  const judge: FlaggerJudge = {
    kind: 'flagger',
    interval,
    ...(failedChecks !== undefined ? { threshold: failedChecks } : {}),
  };
  if (range) return { ...judge, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  const legacy = numberValue(valueOf(map, 'threshold', doc), doc);
  if (legacy === undefined) return judge;
  return name === 'request-success-rate' ? { ...judge, min: legacy } : { ...judge, max: legacy };
}
