/**
 * Argo's side of `analyze`: an AnalysisTemplate / ClusterAnalysisTemplate becomes a job with its
 * arguments filled; a Rollout becomes one job per template its analyses reference (background,
 * step, pre/post-promotion), each with the Rollout's arguments merged over the template's
 * defaults as Argo's MergeArgs does. An argument without a value is a config error naming it.
 */
import type { Node, YAMLMap } from 'yaml';
import type { SourceDocument } from '../parse/parseFile';
import { asMap, asSeq, entries, nodeAt, refOf, valueOf } from '../parse/yamlNodes';
import { numberValue, textValue } from '../plan/planParts';
import type { AnalysisFile, AnalysisJob, ArgoJudge, JobOptions, MetricJob } from './job';
import { fillArgoArgs } from './placeholders';

type Doc = SourceDocument['doc'];

/** Argo's default consecutiveErrorLimit. */
const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

interface DeclaredArg {
  name: string;
  value?: string;
  /** Where the value would come from in the cluster (a secret, the pod hash). */
  from?: string;
}

export interface TemplateDoc {
  source: AnalysisFile;
  document: SourceDocument;
  kind: 'AnalysisTemplate' | 'ClusterAnalysisTemplate';
  name: string;
}

export function templateDoc(source: AnalysisFile, document: SourceDocument): TemplateDoc {
  const root = asMap(document.doc.contents, document.doc);
  const kind =
    textValue(valueOf(root, 'kind', document.doc), document.doc) === 'ClusterAnalysisTemplate'
      ? 'ClusterAnalysisTemplate'
      : 'AnalysisTemplate';
  const name = textValue(nodeAt(root, ['metadata', 'name'], document.doc), document.doc) ?? '(unnamed)';
  return { source, document, kind, name };
}

/** A template analysed on its own: its defaults, then `--arg`. */
export function jobForTemplate(t: TemplateDoc, options: JobOptions, errors: string[]): AnalysisJob | undefined {
  return buildJob(t, [], options, errors);
}

interface RolloutAnalysis {
  label: string;
  templates: { name: string; clusterScope: boolean }[];
  args: DeclaredArg[];
}

/** The analyses of a Rollout, in the order Argo meets them. */
export function rolloutAnalyses(document: SourceDocument): { name: string; analyses: RolloutAnalysis[] } {
  const doc = document.doc;
  const root = asMap(doc.contents, doc);
  const name = textValue(nodeAt(root, ['metadata', 'name'], doc), doc) ?? '(unnamed)';
  const strategy = asMap(nodeAt(root, ['spec', 'strategy'], doc), doc);
  const out: RolloutAnalysis[] = [];
  const add = (label: string, node: unknown) => {
    const map = asMap(node, doc);
    if (!map) return;
    const templates = (asSeq(valueOf(map, 'templates', doc), doc)?.items ?? []).flatMap((t) => {
      const tm = asMap(t, doc);
      const tn = textValue(valueOf(tm, 'templateName', doc), doc);
      return tn
        ? [
            {
              name: tn,
              clusterScope:
                valueOf(tm, 'clusterScope', doc) !== undefined &&
                textValue(valueOf(tm, 'clusterScope', doc), doc) === 'true',
            },
          ]
        : [];
    });
    out.push({ label, templates, args: readArgs(valueOf(map, 'args', doc), doc, root) });
  };
  const canary = asMap(valueOf(strategy, 'canary', doc), doc);
  add('background analysis', valueOf(canary, 'analysis', doc));
  (asSeq(valueOf(canary, 'steps', doc), doc)?.items ?? []).forEach((step, i) =>
    add(`step ${i + 1} analysis`, valueOf(asMap(step, doc), 'analysis', doc)),
  );
  const blueGreen = asMap(valueOf(strategy, 'blueGreen', doc), doc);
  add('pre-promotion analysis', valueOf(blueGreen, 'prePromotionAnalysis', doc));
  add('post-promotion analysis', valueOf(blueGreen, 'postPromotionAnalysis', doc));
  return { name, analyses: out };
}

/** Jobs for a Rollout: one per distinct (template, arguments). */
export function jobsForRollout(
  document: SourceDocument,
  source: AnalysisFile,
  templates: TemplateDoc[],
  options: JobOptions,
  errors: string[],
): AnalysisJob[] {
  const { name, analyses } = rolloutAnalyses(document);
  if (analyses.every((a) => a.templates.length === 0)) {
    errors.push(`${source.path}: Rollout ${name} runs no analysis, so there is nothing to check against Prometheus.`);
    return [];
  }
  const seen = new Set<string>();
  const jobs: AnalysisJob[] = [];
  for (const analysis of analyses) {
    for (const ref of analysis.templates) {
      const wanted = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      const found =
        templates.find((t) => t.name === ref.name && t.kind === wanted) ?? templates.find((t) => t.name === ref.name);
      if (!found) {
        errors.push(
          `${source.path}: Rollout ${name} (${analysis.label}) uses ${wanted} ${ref.name}, which is in none of the files given; name its file too (release-safety analyze ${source.path} PATH).`,
        );
        continue;
      }
      const job = buildJob(found, analysis.args, options, errors, `Rollout ${name}, ${analysis.label}`);
      if (!job) continue;
      const key = `${found.kind}/${found.name}/${JSON.stringify(job.args)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      jobs.push(job);
    }
  }
  return jobs;
}

function buildJob(
  t: TemplateDoc,
  incoming: DeclaredArg[],
  options: JobOptions,
  errors: string[],
  via?: string,
): AnalysisJob | undefined {
  const doc = t.document.doc;
  const root = asMap(doc.contents, doc);
  const spec = asMap(valueOf(root, 'spec', doc), doc);
  const declared = readArgs(valueOf(spec, 'args', doc), doc, undefined);
  // Argo's MergeArgs: the referrer's value replaces the template's; unknown names are ignored.
  const args: Record<string, string> = Object.create(null);
  const unresolved: DeclaredArg[] = [];
  for (const d of declared) {
    const given =
      options.args && Object.prototype.hasOwnProperty.call(options.args, d.name) ? options.args[d.name] : undefined;
    const fromReferrer = incoming.find((a) => a.name === d.name);
    const value = given ?? fromReferrer?.value ?? (fromReferrer?.from ? undefined : d.value);
    if (value !== undefined) args[d.name] = value;
    else unresolved.push(fromReferrer?.from ? fromReferrer : d);
  }
  const where = `${t.source.path}: ${t.kind} ${t.name}${via ? ` (from ${via})` : ''}`;
  if (unresolved.length) {
    for (const a of unresolved) {
      errors.push(
        `${where}: argument "${a.name}" has no value${a.from ? ` here (it comes from ${a.from} in the cluster)` : ''}; pass --arg ${a.name}=VALUE.`,
      );
    }
    return undefined;
  }
  const metrics: MetricJob[] = [];
  for (const item of asSeq(valueOf(spec, 'metrics', doc), doc)?.items ?? []) {
    const m = readMetric(asMap(item, doc), doc, t, args, options, where, errors);
    if (m) metrics.push(m);
  }
  if (metrics.length === 0 && !errors.length) errors.push(`${where}: no metrics to check.`);
  return { path: t.source.path, kind: t.kind, name: t.name, ...(via ? { via } : {}), args: { ...args }, metrics };
}

function readMetric(
  map: YAMLMap | undefined,
  doc: Doc,
  t: TemplateDoc,
  args: Record<string, string>,
  options: JobOptions,
  where: string,
  errors: string[],
): MetricJob | undefined {
  if (!map) return undefined;
  const nameNode = valueOf(map, 'name', doc);
  const name = textValue(nameNode, doc) ?? '(unnamed)';
  const at = { path: t.source.path, ...refOf((nameNode ?? map) as Node) };
  const fill = (raw: string | undefined, what: string): string | undefined => {
    if (raw === undefined) return undefined;
    const r = fillArgoArgs(raw, args);
    if (r.ok) return r.text;
    for (const m of r.missing)
      errors.push(
        `${where}: metric ${name}: ${what} uses {{${m}}}, which is not an argument of the template; declare it under spec.args.`,
      );
    return undefined;
  };
  const numberOf = (key: string, fallback?: number): number | undefined => {
    const node = valueOf(map, key, doc);
    const n = numberValue(node, doc);
    if (n !== undefined) return n;
    const text = fill(textValue(node, doc), key);
    return text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : fallback;
  };
  const successCondition = fill(textValue(valueOf(map, 'successCondition', doc), doc), 'successCondition');
  const failureCondition = fill(textValue(valueOf(map, 'failureCondition', doc), doc), 'failureCondition');
  const count = numberOf('count');
  const interval = textValue(valueOf(map, 'interval', doc), doc);
  const judge: ArgoJudge = {
    kind: 'argo',
    ...(successCondition !== undefined ? { successCondition } : {}),
    ...(failureCondition !== undefined ? { failureCondition } : {}),
    failureLimit: numberOf('failureLimit', 0)!,
    inconclusiveLimit: numberOf('inconclusiveLimit', 0)!,
    consecutiveErrorLimit: numberOf('consecutiveErrorLimit', DEFAULT_CONSECUTIVE_ERROR_LIMIT)!,
    ...(count !== undefined ? { count } : {}),
    ...(interval !== undefined ? { interval } : {}),
  };
  const provider = asMap(valueOf(map, 'provider', doc), doc);
  const prometheus = asMap(valueOf(provider, 'prometheus', doc), doc);
  if (!prometheus) {
    const other = entries(provider).map(([k]) => k)[0];
    return {
      name,
      query: '',
      address: '',
      judge,
      at,
      unsupported: `the ${other ?? 'missing'} provider is not supported; analyze queries Prometheus only`,
    };
  }
  const query = fill(textValue(valueOf(prometheus, 'query', doc), doc), 'query');
  const address = options.prometheus ?? fill(textValue(valueOf(prometheus, 'address', doc), doc), 'address');
  if (query === undefined || query.trim() === '') {
    // An unresolved placeholder in the query was reported already.
    if (query === undefined && textValue(valueOf(prometheus, 'query', doc), doc) !== undefined) return undefined;
    errors.push(`${where}: metric ${name} has no prometheus query.`);
    return undefined;
  }
  if (!address) {
    errors.push(`${where}: metric ${name} names no Prometheus address; pass --prometheus URL.`);
    return undefined;
  }
  return { name, query, address, judge, at };
}

/** `args:` of a template or a Rollout analysis; `root` (the Rollout) resolves fieldRef values. */
function readArgs(node: unknown, doc: Doc, root: YAMLMap | undefined): DeclaredArg[] {
  const out: DeclaredArg[] = [];
  for (const item of asSeq(node, doc)?.items ?? []) {
    const map = asMap(item, doc);
    const name = textValue(valueOf(map, 'name', doc), doc);
    if (!name) continue;
    const value = textValue(valueOf(map, 'value', doc), doc);
    if (value !== undefined) {
      out.push({ name, value });
      continue;
    }
    const from = asMap(valueOf(map, 'valueFrom', doc), doc);
    if (!from) {
      out.push({ name });
      continue;
    }
    const fieldPath = textValue(nodeAt(from, ['fieldRef', 'fieldPath'], doc), doc);
    const field = fieldPath && root ? fieldOf(root, fieldPath, doc) : undefined;
    if (field !== undefined) out.push({ name, value: field });
    else if (valueOf(from, 'secretKeyRef', doc)) out.push({ name, from: 'a Secret' });
    else if (valueOf(from, 'podTemplateHashValue', doc)) out.push({ name, from: 'the pod template hash' });
    else out.push({ name, from: fieldPath ? `the field ${fieldPath}` : 'the cluster' });
  }
  return out;
}

/** `metadata.name`, `metadata.labels['app']` ... of the Rollout itself. */
function fieldOf(root: YAMLMap, fieldPath: string, doc: Doc): string | undefined {
  const m =
    /^metadata\.(name|namespace)$/.exec(fieldPath) ??
    /^metadata\.(labels|annotations)\[['"]([^'"]+)['"]\]$/.exec(fieldPath);
  if (!m) return undefined;
  return textValue(nodeAt(root, m[2] ? ['metadata', m[1], m[2]] : ['metadata', m[1]], doc), doc);
}
