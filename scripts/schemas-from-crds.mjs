#!/usr/bin/env node
// Writes the JSON Schemas of the Argo Rollouts and Flagger kinds (src/core/schema/*.schema.json)
// from the CRDs those projects publish, so that a key, a type or an enum is checked exactly as
// the API server stores it (unknown fields of a structural CRD are dropped without a word: the
// silent mistakes we catch). What this script adds to the CRD's facts is ours:
//   - where checking stops: pod templates, metadata, job specs and provider blobs are
//     permissive objects (a false finding on a real file is worse than a missed one there);
//   - no `required` outside list items (kustomize patches are partial documents);
//   - our own descriptions (hover, completion) instead of the CRDs' long ones;
//   - what the controller's validation adds (one step kind per step, not both strategies) and
//     hints for keys that live on another kind or were removed (x-release-safety-hints).
//
//   node scripts/schemas-from-crds.mjs ARGO_ROLLOUTS_CHECKOUT FLAGGER_CHECKOUT
// Each checkout is a folder (or a bare git dir: HEAD is read) of argoproj/argo-rollouts and
// fluxcd/flagger; the release names of both go into each schema's $comment.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DESCRIPTIONS, EXTRAS, HINTS, PERMISSIVE } from './schemas-overlay.mjs';

const [argoDir, flaggerDir] = process.argv.slice(2);
if (!argoDir || !flaggerDir) {
  console.error('Usage: node scripts/schemas-from-crds.mjs ARGO_ROLLOUTS_CHECKOUT FLAGGER_CHECKOUT');
  process.exit(2);
}
const OUT = join(import.meta.dirname, '..', 'src', 'core', 'schema');

function readFrom(dir, path) {
  if (existsSync(join(dir, path))) return readFileSync(join(dir, path), 'utf8');
  return execFileSync('git', ['--git-dir', dir, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
}
function release(dir) {
  try {
    return execFileSync(
      'git',
      ['--git-dir', existsSync(join(dir, '.git')) ? join(dir, '.git') : dir, 'describe', '--tags'],
      { encoding: 'utf8' },
    ).trim();
  } catch {
    return 'unknown release';
  }
}
function crdSchemas(text) {
  const out = {};
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const version = crd.spec.versions.find((v) => v.storage) ?? crd.spec.versions[0];
    // The API server refuses any other version ("no matches for kind"): Flagger 1.x serves only
    // v1beta1, so an old v1alpha3 Canary or a docs typo (v1alpha1) never reaches the controller.
    const served = crd.spec.versions.filter((v) => v.served).map((v) => `${crd.spec.group}/${v.name}`);
    out[crd.spec.names.kind] = {
      group: crd.spec.group,
      version: version.name,
      served,
      schema: version.schema.openAPIV3Schema,
    };
  }
  return out;
}

const argoRelease = release(argoDir);
const flaggerRelease = release(flaggerDir);
const argo = {
  ...crdSchemas(readFrom(argoDir, 'manifests/crds/rollout-crd.yaml')),
  ...crdSchemas(readFrom(argoDir, 'manifests/crds/analysis-template-crd.yaml')),
  ...crdSchemas(readFrom(argoDir, 'manifests/crds/cluster-analysis-template-crd.yaml')),
  ...crdSchemas(readFrom(argoDir, 'manifests/crds/experiment-crd.yaml')),
};
const flagger = crdSchemas(readFrom(flaggerDir, 'artifacts/flagger/crd.yaml'));

const targets = [
  ['argo-rollout', argo.Rollout, ['Rollout'], `Argo Rollouts ${argoRelease} (manifests/crds/rollout-crd.yaml)`],
  [
    'argo-analysis-template',
    argo.AnalysisTemplate,
    ['AnalysisTemplate', 'ClusterAnalysisTemplate'],
    `Argo Rollouts ${argoRelease} (manifests/crds/analysis-template-crd.yaml; ClusterAnalysisTemplate has the same spec)`,
  ],
  [
    'argo-experiment',
    argo.Experiment,
    ['Experiment'],
    `Argo Rollouts ${argoRelease} (manifests/crds/experiment-crd.yaml)`,
  ],
  ['flagger-canary', flagger.Canary, ['Canary'], `Flagger ${flaggerRelease} (artifacts/flagger/crd.yaml)`],
  [
    'flagger-metric-template',
    flagger.MetricTemplate,
    ['MetricTemplate'],
    `Flagger ${flaggerRelease} (artifacts/flagger/crd.yaml)`,
  ],
  [
    'flagger-alert-provider',
    flagger.AlertProvider,
    ['AlertProvider'],
    `Flagger ${flaggerRelease} (artifacts/flagger/crd.yaml)`,
  ],
];

for (const [name, crd, kinds, source] of targets) {
  const root = convert(name, crd.schema, '', false);
  root.properties.apiVersion = {
    type: 'string',
    enum: crd.served,
    description: `\`${crd.group}/${crd.version}\`.`,
  };
  root.properties.kind = { enum: kinds, description: kinds.map((k) => `\`${k}\``).join(' or ') + '.' };
  root.properties.status = { type: 'object', description: 'Written by the controller; never checked here.' };
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://release-safety.dev/schemas/${name}.schema.json`,
    $comment: `Generated by scripts/schemas-from-crds.mjs from the CRD of ${source}: keys, types and enums are the CRD's; descriptions, permissive parts and hints are Release Safety's.`,
    title: kinds.join(' / '),
    ...root,
  };
  writeFileSync(join(OUT, `${name}.schema.json`), JSON.stringify(schema, null, 1) + '\n');
  console.log(`${name}.schema.json: ${JSON.stringify(schema).length} bytes`);
}

/**
 * One CRD schema node as ours. `path` is dotted, `[]` for list items (`spec.strategy.canary.steps[]`).
 * `inItem`: directly inside a list item, where `required` is kept.
 */
function convert(kind, s, path, inItem) {
  const description = DESCRIPTIONS[kind]?.[path];
  const withDescription = (o) => (description ? { ...o, description } : o);
  if (!s) return withDescription({});
  if (PERMISSIVE[kind]?.some((p) => p === path))
    return withDescription(s.type === 'array' ? { type: 'array' } : { type: 'object' });
  if (s['x-kubernetes-int-or-string']) return withDescription({ type: ['integer', 'string'] });
  if (s['x-kubernetes-preserve-unknown-fields']) return withDescription({});
  switch (s.type) {
    case 'array':
      return withDescription({ type: 'array', items: convert(kind, s.items, `${path}[]`, true) });
    case 'object': {
      if (!s.properties) {
        // a map (labels, headers): values typed when the CRD says so, keys free
        const values =
          s.additionalProperties &&
          typeof s.additionalProperties === 'object' &&
          s.additionalProperties.type &&
          s.additionalProperties.type !== 'object'
            ? { additionalProperties: { type: s.additionalProperties.type } }
            : {};
        return withDescription({ type: 'object', ...values });
      }
      const properties = {};
      for (const [key, child] of Object.entries(s.properties)) {
        if (path === '' && (key === 'status' || key === 'apiVersion' || key === 'kind')) continue;
        properties[key] = convert(kind, child, path ? `${path}.${key}` : key, false);
      }
      const out = { type: 'object', properties, additionalProperties: false };
      if (inItem && Array.isArray(s.required) && s.required.length) out.required = [...s.required];
      const hints = HINTS[kind]?.[path];
      if (hints) out['x-release-safety-hints'] = hints;
      Object.assign(out, EXTRAS[kind]?.[path] ?? {});
      return withDescription(out);
    }
    case 'integer':
      return withDescription({ type: 'integer', ...(s.minimum !== undefined ? { minimum: s.minimum } : {}) });
    case 'number':
      return withDescription({ type: 'number' });
    case 'boolean':
      return withDescription({ type: 'boolean' });
    case 'string':
      return withDescription(s.enum ? { type: 'string', enum: s.enum } : { type: 'string' });
    default:
      return withDescription({});
  }
}
