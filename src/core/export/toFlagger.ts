/**
 * `release-safety export flagger`: a native canary as a Flagger Canary, a MetricTemplate per gate
 * and an AlertProvider per chat channel (docs/export.md). The steps below 100% become
 * `stepWeights` (Flagger promotes after the last one), `interval` the analysis schedule and each
 * metric's window, `failure_limit` + 1 the `threshold` of failed checks that rolls back.
 */
import { stringify } from 'yaml';
import type { CanaryPlan } from '../plan/canaryPlan';
import { exportGates, k8sName, promDurationText, selectorsOf } from './gatePromql';
import { DEFAULT_PROMETHEUS_ADDRESS, type ManifestExport } from './toArgo';

/** Flagger's AlertProvider types by our channel kinds. */
const FLAGGER_PROVIDER: Record<string, string> = { slack: 'slack', teams: 'msteams' };

export function exportFlagger(plan: CanaryPlan, fileLabel: string): ManifestExport {
  const notes: string[] = [];
  const service = plan.service ?? 'app';
  const name = k8sName(service);
  const intervalMs = plan.interval?.ms ?? 60_000;
  const interval = promDurationText(intervalMs);
  const selectors = selectorsOf(plan);
  if (selectors.conventional)
    notes.push(
      `the canary has no prometheus source: the queries select ${selectors.canary} and ${selectors.baseline}; adjust them to your labels`,
    );
  const { gates, skipped } = exportGates(plan, intervalMs, selectors);
  notes.push(...skipped.map((s) => `gate ${s}: left out`));
  const address = plan.source?.prometheus?.url ?? DEFAULT_PROMETHEUS_ADDRESS;
  if (!plan.source?.prometheus?.url)
    notes.push(`no prometheus url: the templates ask ${address}; change it to your Prometheus`);

  const weights = plan.steps.map((s) => s.weight).filter((w): w is number => w !== null && w > 0 && w < 100);
  const last = plan.steps[plan.steps.length - 1]?.weight;
  if (last !== null && last !== undefined && last < 100)
    notes.push(`the native steps end at ${last}%; Flagger promotes after its last step weight`);

  const providers: Array<{ name: string; type: string; channel: string }> = [];
  for (const alert of plan.alerts) {
    const type = alert.kind ? FLAGGER_PROVIDER[alert.kind] : undefined;
    if (!type || !alert.target) {
      notes.push(
        `alert channel ${alert.channel}: Flagger has no such alert provider; route it through Alertmanager (release-safety export prometheus-rules)`,
      );
      continue;
    }
    providers.push({
      name: k8sName(service, alert.kind!, String(providers.length + 1)),
      type,
      channel: alert.target.replace(/^#/, ''),
    });
  }

  const templateName = (metric: string) => k8sName(service, metric);
  const canary = {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      service: { port: 80 },
      analysis: {
        interval,
        threshold: (plan.failureLimit ?? 0) + 1,
        stepWeights: weights,
        metrics: gates.map((g) => ({
          name: k8sName(g.metric.name),
          templateRef: { name: templateName(g.metric.name) },
          thresholdRange: g.op === '<' || g.op === '<=' ? { max: g.limit } : { min: g.limit },
          interval,
        })),
        ...(providers.length
          ? { alerts: providers.map((p) => ({ name: p.name, severity: 'error', providerRef: { name: p.name } })) }
          : {}),
      },
    },
  };
  const templates = gates.map((g) => ({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: { name: templateName(g.metric.name) },
    spec: { provider: { type: 'prometheus', address }, query: g.query },
  }));
  const alertProviders = providers.map((p) => ({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'AlertProvider',
    metadata: { name: p.name },
    // The webhook URL is a secret: it lives in a Kubernetes Secret with an `address` key.
    spec: { type: p.type, channel: p.channel, secretRef: { name: `${p.name}-webhook` } },
  }));
  const header = [
    `# Flagger canary exported by release-safety from ${fileLabel}.`,
    '# targetRef names a Deployment called like the service; service.port is a guess: set both.',
    ...notes.map((n) => `# Note: ${n}.`),
  ].join('\n');
  const docs = [canary, ...templates, ...alertProviders].map((d) => stringify(d, { lineWidth: 0 }));
  return { text: `${header}\n${docs.join('---\n')}`, notes };
}
