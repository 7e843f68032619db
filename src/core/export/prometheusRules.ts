/**
 * `release-safety export prometheus-rules`: alerting rules that hand the file's checks to
 * Prometheus and Alertmanager (docs/export.md):
 * - per synthetic journey, `SyntheticJourneyFailing` when the monitor's success gauge has been 0
 *   for two runs of the journey's frequency, and `SyntheticJourneyNotRunning` when no run has
 *   been recorded for three;
 * - per gate of a native canary with a prometheus source, `CanaryGateBreached` when the gate
 *   breaches for as many checks as `failure_limit` tolerates, plus one.
 * Every alert carries the file's `alerts` channels as labels (`slack: "#deploys"`, ...) and all of
 * them in `release_safety_channels`, so an Alertmanager route can match on them.
 */
import { stringify } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import { buildCanaryPlan } from '../plan/buildPlan';
import type { PlanAlert } from '../plan/canaryPlan';
import { buildSyntheticConfig } from '../synthetic/buildSynthetic';
import { DEFAULT_FREQUENCY_MS } from '../monitor/monitorJourneys';
import { escapeLabel } from '../monitor/journeyMetrics';
import { breachOp, exportGates, promDurationText } from './gatePromql';

export interface RulesExport {
  text: string;
  /** Alerts written. */
  count: number;
  /** What could not be exported, in plain words. */
  notes: string[];
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function exportPrometheusRules(file: ParsedFile, fileLabel: string): RulesExport {
  const journeyRules: Rule[] = [];
  const canaryRules: Rule[] = [];
  const notes: string[] = [];
  for (const document of file.documents) {
    if (document.kind === 'synthetic') {
      const config = buildSyntheticConfig(document, file);
      for (const journey of config?.journeys ?? []) {
        const frequencyMs = journey.frequencyMs ?? DEFAULT_FREQUENCY_MS;
        const selector = `{journey="${escapeLabel(journey.name)}",file="${escapeLabel(fileLabel)}"}`;
        const labels = { severity: 'critical', ...channelLabels(journey.alerts) };
        journeyRules.push({
          alert: 'SyntheticJourneyFailing',
          expr: `release_safety_journey_success${selector} == 0`,
          for: promDurationText(2 * frequencyMs),
          labels,
          annotations: {
            summary: `Synthetic journey "${journey.name}" is failing`,
            description: `"${journey.name}" (${fileLabel}) has failed for two runs in a row at {{ $labels.location }}. Run it by hand: release-safety run ${fileLabel} --journey "${journey.name}"`,
          },
        });
        journeyRules.push({
          alert: 'SyntheticJourneyNotRunning',
          expr: `time() - release_safety_journey_last_run_timestamp_seconds${selector} > ${Math.round((3 * frequencyMs) / 1000)}`,
          labels: { severity: 'warning', ...channelLabels(journey.alerts) },
          annotations: {
            summary: `Synthetic journey "${journey.name}" has not run for three of its periods`,
            description: `No run of "${journey.name}" (${fileLabel}) was recorded for ${promDurationText(3 * frequencyMs)}: is release-safety monitor running and scraped?`,
          },
        });
      }
    } else if (document.kind === 'canary') {
      const plan = buildCanaryPlan(document, file);
      if (!plan) continue;
      const service = plan.service ?? 'canary';
      if (!plan.source?.prometheus) {
        notes.push(
          `canary "${service}": no prometheus source, so its gates have no alert rule (a scrape source is read by release-safety itself)`,
        );
        continue;
      }
      const intervalMs = plan.interval?.ms ?? 60_000;
      const { gates, skipped } = exportGates(plan, intervalMs);
      for (const s of skipped) notes.push(`canary "${service}": ${s}`);
      for (const gate of gates) {
        const checks = (plan.failureLimit ?? 0) + 1;
        canaryRules.push({
          alert: 'CanaryGateBreached',
          expr: `${gate.query} ${breachOp(gate.op)} ${gate.limit}`,
          ...(checks > 1 ? { for: promDurationText((checks - 1) * intervalMs) } : {}),
          labels: { severity: 'critical', service, gate: gate.metric.name, ...channelLabels(plan.alerts) },
          annotations: {
            summary: `Canary gate ${gate.metric.name} of ${service} breaches "${gate.text}"`,
            description: `The canary of ${service} breaks its gate ${gate.metric.name} (${gate.text}); value {{ $value }}. on_failure: ${plan.rollback.value ?? 'rollback'}.`,
          },
        });
      }
    }
  }
  const groups = [];
  if (journeyRules.length) groups.push({ name: 'release-safety-synthetic', rules: journeyRules });
  if (canaryRules.length) groups.push({ name: 'release-safety-canary', rules: canaryRules });
  const header = `# Prometheus alerting rules exported by release-safety from ${fileLabel}.\n# Load them with rule_files in prometheus.yml; check them with: promtool check rules FILE\n`;
  return {
    text: header + stringify({ groups }, { lineWidth: 0 }),
    count: journeyRules.length + canaryRules.length,
    notes,
  };
}

/** `slack:#deploys` and `pagerduty:web` become `slack: "#deploys"`, `pagerduty: web`; two of a kind join with a comma. */
export function channelLabels(alerts: readonly PlanAlert[]): Record<string, string> {
  const byKind = new Map<string, string[]>();
  for (const a of alerts) {
    if (!a.kind || a.target === undefined) continue;
    const list = byKind.get(a.kind) ?? [];
    if (!list.includes(a.target)) list.push(a.target);
    byKind.set(a.kind, list);
  }
  const labels: Record<string, string> = {};
  for (const [kind, targets] of byKind) if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(kind)) labels[kind] = targets.join(',');
  if (alerts.length) labels.release_safety_channels = alerts.map((a) => a.channel).join(',');
  return labels;
}
