/** Turns the core's reading into the panel's view model (pure: unit-tested without VS Code). */
import type { BudgetView, GatePhase, GateRow, ReadingView } from '../../shared/panel/panelModel';
import type { ReadingBudget } from '../../core/budget/liveSpend';
import { budgetSummary } from '../../core/budget/budgetSummary';
import type { CanaryReading, MetricReading } from '../../core/canary/reading';

export function toReadingView(r: CanaryReading): ReadingView {
  const current = r.step !== null && r.step >= 1 && r.step <= r.steps.length ? r.step - 1 : null;
  return {
    at: r.at,
    verdict: r.verdict,
    reason: r.reason,
    staircase: {
      steps: r.steps.slice(),
      current,
      weight: r.share ?? r.weight,
      intervalMs: r.intervalMs,
      timeInStepMs: r.timeInStepMs,
    },
    gates: r.metrics.map(toGateRow),
    errors: r.source.error ? [r.source.error] : [],
    ...(r.budget ? { budget: toBudgetView(r.budget, r.verdict === 'healthy' || r.verdict === 'promoted') } : {}),
  };
}

function toBudgetView(b: ReadingBudget, gatesPass: boolean): BudgetView {
  const s = budgetSummary(b, gatesPass);
  return {
    text: s.text,
    spentPercent: b.spentPercent !== null && Number.isFinite(b.spentPercent) ? b.spentPercent : null,
    maxSpendPercent: b.maxSpendPercent,
    over: s.over,
    overWhileHealthy: s.overWhileHealthy,
  };
}

function toGateRow(m: MetricReading): GateRow {
  // A metric the source could not read (`error`) cannot be judged: it shows as inconclusive,
  // with the source's words as the note, never as a pass.
  const phase: GatePhase = m.phase === 'error' ? 'inconclusive' : m.phase;
  const row: GateRow = {
    name: m.name,
    unit: m.unit ?? '',
    canary: finiteOrNull(m.canary),
    baseline: finiteOrNull(m.baseline),
    threshold: m.threshold ?? 'no threshold',
    limit: finiteOrNull(m.limit),
    phase,
  };
  if (m.message) row.note = m.message;
  if (m.valueOnly) row.valueOnly = true;
  return row;
}

/** NaN and Infinity do not survive JSON (they become null anyway): say so explicitly. */
function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
