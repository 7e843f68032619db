/**
 * The risk budget a rollout may spend (docs/budget.md): the service's availability objective, the
 * objective's window, and the share of that window's error budget one rollout may burn. Read from
 * a native canary's `budget:` or from `.release-safety.yaml` for every canary under it. Reading
 * never throws: a value that does not make sense comes back as a problem in plain words.
 */
import { parseDuration } from '../model/duration';

export interface BudgetPolicy {
  /** The objective as a fraction: 99.9% -> 0.999. */
  slo: number;
  sloText: string;
  windowMs: number;
  windowText: string;
  /** Percent of the window's error budget one rollout may spend. */
  maxSpendPercent: number;
}

export const DEFAULT_MAX_SPEND_PERCENT = 10;

export type BudgetRead = { ok: true; policy: BudgetPolicy } | { ok: false; problems: string[] };

/** Reads `{slo, window, max_spend}` as plain data (a YAML map's JSON). */
export function readBudgetPolicy(raw: unknown): BudgetRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['"budget" must be a map with "slo", "window" and optionally "max_spend".'] };
  }
  const obj = raw as Record<string, unknown>;
  const problems: string[] = [];
  const slo = readPercent(obj.slo);
  if (obj.slo === undefined) problems.push('"budget.slo" is missing: write the availability objective, e.g. "99.9%".');
  else if (slo === undefined || slo <= 0 || slo >= 100)
    problems.push(
      `"budget.slo: ${String(obj.slo)}" is not an objective between 0% and 100% (exclusive), e.g. "99.9%".`,
    );
  const window = parseDuration(obj.window);
  if (obj.window === undefined) problems.push('"budget.window" is missing: write the objective\'s window, e.g. 30d.');
  else if (!window.ok || window.ms <= 0)
    problems.push(`"budget.window: ${String(obj.window)}" is not a duration such as 30d or 28d.`);
  let maxSpend = DEFAULT_MAX_SPEND_PERCENT;
  if (obj.max_spend !== undefined) {
    const m = readPercent(obj.max_spend);
    if (m === undefined || m <= 0 || m > 100)
      problems.push(`"budget.max_spend: ${String(obj.max_spend)}" is not a share between 0% and 100%, e.g. "10%".`);
    else maxSpend = m;
  }
  if (problems.length || slo === undefined || !window.ok) return { ok: false, problems };
  return {
    ok: true,
    policy: {
      slo: slo / 100,
      sloText: `${trim(slo)}%`,
      windowMs: window.ms,
      windowText: String(obj.window),
      maxSpendPercent: maxSpend,
    },
  };
}

/** "99.9%", 99.9 and "99.9" all mean 99.9 percent. */
function readPercent(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** The error budget of the window as time at full outage: (1 - slo) x window. */
export function errorBudgetMs(policy: BudgetPolicy): number {
  return (1 - policy.slo) * policy.windowMs;
}

export function trim(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
