/**
 * `release-safety export argo`: a native canary as an Argo Rollout canary strategy and the
 * AnalysisTemplate of its gates (docs/export.md). Steps become `setWeight` + `pause: {duration:
 * interval}`; the gates become one background analysis whose metrics run every `interval`, fail the
 * run after `failure_limit` + 1 failed measurements, and so abort the rollout (Argo's rollback);
 * the alert channels become notification subscriptions on abort and failed analysis.
 */
import { stringify } from 'yaml';
import type { CanaryPlan } from '../plan/canaryPlan';
import { exportGates, k8sName, promDurationText, selectorsOf } from './gatePromql';

/** Argo notifications' services by our channel kinds. */
const ARGO_SERVICE: Record<string, string> = {
  slack: 'slack',
  email: 'email',
  pagerduty: 'pagerdutyv2',
  opsgenie: 'opsgenie',
  teams: 'teams',
  webhook: 'webhook',
};
const ABORT_TRIGGERS = ['on-rollout-aborted', 'on-analysis-run-failed'];
export const DEFAULT_PROMETHEUS_ADDRESS = 'http://prometheus.monitoring.svc:9090';

export interface ManifestExport {
  text: string;
  notes: string[];
}

export function exportArgo(plan: CanaryPlan, fileLabel: string): ManifestExport {
  const notes: string[] = [];
  const service = plan.service ?? 'app';
  const name = k8sName(service);
  const templateName = k8sName(service, 'gates');
  const intervalMs = plan.interval?.ms ?? 60_000;
  const interval = promDurationText(intervalMs);
  const selectors = selectorsOf(plan);
  if (selectors.conventional)
    notes.push(
      `the canary has no prometheus source: the queries select ${selectors.canary} and ${selectors.baseline}; adjust them to your labels`,
    );
  const { gates, skipped } = exportGates(plan, intervalMs, selectors);
  notes.push(...skipped.map((s) => `gate ${s}: left out`));

  const steps: unknown[] = [];
  for (const step of plan.steps) {
    if (step.weight === null) continue;
    if (step.weight >= 100) break; // Argo promotes to 100% by itself after the last step
    steps.push({ setWeight: step.weight }, { pause: { duration: interval } });
  }
  const last = plan.steps[plan.steps.length - 1]?.weight;
  if (last !== null && last !== undefined && last < 100) {
    steps.push({ pause: {} });
    notes.push(`the native steps end at ${last}%: the Rollout waits at the last pause for a person to promote it`);
  }

  const annotations: Record<string, string> = {};
  for (const alert of plan.alerts) {
    const serviceName = alert.kind ? ARGO_SERVICE[alert.kind] : undefined;
    if (!serviceName || !alert.target) {
      notes.push(`alert channel ${alert.channel}: not an Argo notifications service; left out`);
      continue;
    }
    const recipient = alert.kind === 'slack' ? alert.target.replace(/^#/, '') : alert.target;
    for (const trigger of ABORT_TRIGGERS)
      annotations[`notifications.argoproj.io/subscribe.${trigger}.${serviceName}`] = recipient;
  }

  const rollout = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      // The Rollout takes its pods from the existing Deployment (Argo's workloadRef).
      selector: { matchLabels: { app: name } },
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      strategy: {
        canary: {
          ...(gates.length ? { analysis: { templates: [{ templateName }] } } : {}),
          steps,
        },
      },
    },
  };
  const template = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: templateName },
    spec: {
      metrics: gates.map((g) => ({
        name: k8sName(g.metric.name),
        interval,
        failureLimit: plan.failureLimit ?? 0,
        successCondition: `result[0] ${g.op} ${g.limit}`,
        provider: {
          prometheus: { address: plan.source?.prometheus?.url ?? DEFAULT_PROMETHEUS_ADDRESS, query: g.query },
        },
      })),
    },
  };
  if (!plan.source?.prometheus?.url)
    notes.push(`no prometheus url: the template asks ${DEFAULT_PROMETHEUS_ADDRESS}; change it to your Prometheus`);
  const header = [
    `# Argo Rollouts canary exported by release-safety from ${fileLabel}.`,
    '# The Rollout runs the pods of the Deployment it names (workloadRef): check its name and the selector.',
    ...notes.map((n) => `# Note: ${n}.`),
  ].join('\n');
  const docs = [rollout, ...(gates.length ? [template] : [])].map((d) => stringify(d, { lineWidth: 0 }));
  return { text: `${header}\n${docs.join('---\n')}`, notes };
}
