/**
 * How `release-safety status` prints a reading: a table for people, the JSON of the README's CLI section for scripts,
 * and one short line per change while watching.
 */
import { isGood, type CanaryReading, type MetricReading, type Verdict } from '../../core/canary/reading';
import { formatDuration } from '../../core/model/duration';
import { EXIT_FAIL, EXIT_INCONCLUSIVE, EXIT_OK } from '../io';
import { budgetSummary } from '../../core/budget/budgetSummary';

export function exitCodeOf(verdict: Verdict): number {
  if (isGood(verdict)) return EXIT_OK;
  if (verdict === 'breach') return EXIT_FAIL;
  return EXIT_INCONCLUSIVE;
}

/** The JSON of `status` (README, "release-safety status"): service, verdict, weight, step, metrics, budget. */
export function statusJson(r: CanaryReading): object {
  return {
    service: r.service,
    verdict: r.verdict,
    weight: r.weight,
    step: r.step,
    metrics: r.metrics.map((m) => ({
      name: m.name,
      unit: m.unit,
      canary: m.canary,
      baseline: m.baseline,
      threshold: m.limit,
      pass: m.pass,
    })),
    budget: r.budget
      ? {
          worstCasePercent: r.budget.worstCasePercent,
          spentPercent: r.budget.spentPercent,
          maxSpendPercent: r.budget.maxSpendPercent,
        }
      : null,
  };
}

export function formatValue(v: number | null, unit: string | null): string {
  if (v === null) return '-';
  const n = Math.abs(v) >= 100 ? String(Math.round(v)) : String(Math.round(v * 100) / 100);
  if (!unit || unit === 'count') return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

function weightWords(r: CanaryReading): string {
  if (r.weight === null) return 'weight unknown';
  const step = r.step !== null ? `, step ${r.step} of ${r.steps.length}` : '';
  const time =
    r.timeInStepMs !== null && r.timeInStepMs >= 1000
      ? `, ${formatDuration(r.timeInStepMs)} in step${r.intervalMs ? ` of ${formatDuration(r.intervalMs)}` : ''}`
      : '';
  return `weight ${r.weight}%${step}${time}`;
}

function passWord(m: MetricReading): string {
  return m.phase === 'pass' ? 'pass' : m.phase === 'fail' ? 'FAIL' : m.phase === 'error' ? 'error' : 'inconclusive';
}

export function statusText(r: CanaryReading): string {
  const lines = [`${r.service}: ${r.verdict.toUpperCase()} (${weightWords(r)})`, `  ${r.reason}`];
  if (r.metrics.length) {
    const rows = [['gate', 'canary', 'baseline', 'threshold', 'result']];
    for (const m of r.metrics) {
      const limit =
        m.limit !== null && m.threshold !== null && !/^\s*[<>]=?\s*[\d.]+\s*(%|ms|s|req\/s)?\s*$/.test(m.threshold)
          ? ` (${formatValue(m.limit, m.unit)})`
          : '';
      rows.push([
        m.name,
        formatValue(m.canary, m.unit),
        formatValue(m.baseline, m.unit),
        `${m.threshold ?? '-'}${limit}`,
        passWord(m),
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    for (const row of rows)
      lines.push(`  ${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`);
    for (const m of r.metrics)
      if (m.message && m.phase !== 'pass' && !r.reason.includes(m.message)) lines.push(`  ${m.name}: ${m.message}`);
  }
  const requests =
    r.requests.canary !== null
      ? `; ${Math.round(r.requests.canary)} canary and ${Math.round(r.requests.baseline ?? 0)} baseline requests`
      : '';
  const window = r.windowMs ? ` over ${formatDuration(r.windowMs)}` : '';
  lines.push(`  source: ${r.source.description}${window}${requests}`);
  for (const note of r.source.notes) lines.push(`  note: ${note}`);
  const budget = budgetLine(r);
  if (budget) lines.push(`  ${budget}`);
  return `${lines.join('\n')}\n`;
}

/** What a watching line is about: printed again only when this changes. */
export function changeKey(r: CanaryReading): string {
  return JSON.stringify([r.verdict, r.weight, r.step, r.source.error, r.metrics.map((m) => m.phase)]);
}

export function statusLine(r: CanaryReading): string {
  const time = new Date(r.at).toLocaleTimeString('en-GB', { hour12: false });
  const gates = r.metrics.map((m) => `${m.name} ${formatValue(m.canary, m.unit)} ${passWord(m)}`).join(' · ');
  const why = isGood(r.verdict) ? '' : ` — ${r.reason}`;
  return `${time} ${r.service} ${r.verdict} ${r.weight === null ? '?' : `${r.weight}%`}${gates ? ` · ${gates}` : ''}${why}\n`;
}

/** The risk budget in one line: spent so far, the worst case, the allowance. */
export function budgetLine(r: CanaryReading): string | undefined {
  const s = r.budget ? budgetSummary(r.budget, isGood(r.verdict)) : undefined;
  return s ? `budget: ${s.text}` : undefined;
}
