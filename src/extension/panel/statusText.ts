/**
 * The status-bar texts of a watched canary (pure: no `vscode`, unit-tested): the one-line label
 * and the tooltip's Markdown with every value escaped, since metric names and source messages
 * come from user files and remote endpoints.
 */
import { budgetSummary } from '../../core/budget/budgetSummary';
import type { CanaryReading } from '../../core/canary/reading';

export type StatusTone = 'error' | 'warning' | 'none';

export interface StatusText {
  text: string;
  tone: StatusTone;
  tooltip: string;
}

export function statusText(service: string, reading: CanaryReading | undefined, paused: boolean): StatusText {
  const name = oneLine(service);
  if (!reading) {
    return {
      text: `$(pulse) ${name} · ${paused ? 'paused' : 'waiting for data'}`,
      tone: 'warning',
      tooltip: `**${md(name)}**: no reading yet.\n\nClick to open the Canary panel.`,
    };
  }
  // An Argo/Flagger analysis watch has no weight to show (the controller's traffic split lives in the cluster): none is shown.
  const weight = reading.weight === null ? undefined : `${round(reading.weight)}%`;
  const verdict = paused ? `${reading.verdict}, paused` : reading.verdict;
  // Breach is red; anything that is not a live, judged "good" is yellow. Healthy has no color.
  const tone: StatusTone =
    reading.verdict === 'breach'
      ? 'error'
      : paused || reading.verdict === 'stale' || reading.verdict === 'inconclusive'
        ? 'warning'
        : 'none';
  const lines = [
    `**${md(name)}**${weight ? ` at ${md(weight)}` : ''}: **${md(reading.verdict)}**${paused ? ' (paused)' : ''}`,
    '',
    md(reading.reason),
    '',
  ];
  if (reading.metrics.length > 0) {
    lines.push('| gate | canary | baseline | limit | |', '|---|---:|---:|---:|---|');
    for (const m of reading.metrics) {
      const unit = m.unit ?? '';
      lines.push(
        `| ${cell(m.name)} | ${cell(value(m.canary, unit))} | ${cell(value(m.baseline, unit))} | ${cell(m.limit === null ? 'unknown' : `${opOf(m.threshold)}${value(m.limit, unit)}`)} | ${cell(m.phase === 'error' ? 'inconclusive' : m.phase)} |`,
      );
    }
    lines.push('');
  }
  if (reading.source.error) lines.push(`Source: ${md(reading.source.error)}`, '');
  if (reading.budget)
    lines.push(
      `Risk budget: ${md(budgetSummary(reading.budget, reading.verdict === 'healthy' || reading.verdict === 'promoted').text)}`,
      '',
    );
  lines.push('Click to open the Canary panel.');
  return { text: `$(pulse) ${name}${weight ? ` ${weight}` : ''} · ${verdict}`, tone, tooltip: lines.join('\n') };
}

function value(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return 'no data';
  const n = round(v);
  return unit === '%' ? `${n}%` : unit === '' || unit === 'count' ? n : `${n} ${unit}`;
}

function opOf(threshold: string | null): string {
  const op = threshold ? /^\s*(<=|>=|<|>)/.exec(threshold)?.[1] : undefined;
  return op ? `${op} ` : '';
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** The status bar renders `$(icon)` syntax: a name must not inject icons or break the line. */
function oneLine(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/\$\(/g, '$\u200b(')
    .slice(0, 60);
}

/** Escapes Markdown (and HTML) so a value is shown as typed. */
export function md(s: string): string {
  return s
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) =>
      c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
    )
    .replace(/[\r\n]+/g, ' ');
}

function cell(s: string): string {
  return md(s);
}
