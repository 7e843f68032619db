/**
 * The threshold grammar (docs/formats/canary.md, Threshold grammar):
 *   OP VALUE | OP baseline | OP baseline * FACTOR | OP baseline + VALUE
 * OP is <, <=, >, >=; VALUE a number with an optional unit (%, ms, s, req/s).
 * Values are normalised into the metric's own unit (a `s` latency limit becomes ms).
 */
import type { MetricUnit } from './metrics';

export type ThresholdOp = '<' | '<=' | '>' | '>=';
export type ValueUnit = '%' | 'ms' | 's' | 'req/s';

export type Threshold =
  | { op: ThresholdOp; kind: 'absolute'; value: number; unit?: ValueUnit; text: string }
  | { op: ThresholdOp; kind: 'baseline'; text: string }
  | { op: ThresholdOp; kind: 'baseline-factor'; factor: number; text: string }
  | { op: ThresholdOp; kind: 'baseline-offset'; value: number; unit?: ValueUnit; text: string };

export type ThresholdResult =
  | { ok: true; threshold: Threshold }
  /** `column` is the 0-based index in the text where the problem is. */
  | { ok: false; error: string; column: number };

const OPS: ThresholdOp[] = ['<=', '>=', '<', '>'];
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const UNITS: ValueUnit[] = ['req/s', 'ms', '%', 's'];

const EXAMPLES = 'e.g. "<= 1%", "< 500ms", "<= baseline * 1.1" or "<= baseline + 50ms"';

export function parseThreshold(input: unknown): ThresholdResult {
  if (typeof input === 'number')
    return { ok: false, column: 0, error: `"${input}" has no comparison: write "<= ${input}" or ">= ${input}"` };
  if (typeof input !== 'string') return { ok: false, column: 0, error: `a threshold is a string, ${EXAMPLES}` };
  const text = input;
  let i = skipSpace(text, 0);
  const op = OPS.find((o) => text.startsWith(o, i));
  if (!op) {
    const hint =
      text.startsWith('=', i) || text.startsWith('==', i) ? ' ("=" is not allowed: a gate needs a direction)' : '';
    return { ok: false, column: i, error: `a threshold starts with <, <=, > or >=${hint}, ${EXAMPLES}` };
  }
  i = skipSpace(text, i + op.length);
  if (text.startsWith('baseline', i)) {
    i = skipSpace(text, i + 'baseline'.length);
    if (i >= text.length) return { ok: true, threshold: { op, kind: 'baseline', text } };
    const sign = text[i];
    if (sign !== '*' && sign !== '+')
      return { ok: false, column: i, error: `after "baseline" write "* FACTOR" or "+ VALUE", ${EXAMPLES}` };
    i = skipSpace(text, i + 1);
    const num = readNumber(text, i);
    if (!num) return { ok: false, column: i, error: `expected a number after "baseline ${sign}"` };
    i = num.end;
    if (sign === '*') {
      const rest = skipSpace(text, i);
      if (rest < text.length)
        return {
          ok: false,
          column: rest,
          error: `a factor has no unit: "baseline * ${num.value}" multiplies the baseline's value`,
        };
      if (num.value <= 0) return { ok: false, column: num.start, error: 'the factor must be above 0' };
      return { ok: true, threshold: { op, kind: 'baseline-factor', factor: num.value, text } };
    }
    const unit = readUnit(text, i);
    if (!unit.ok) return unit;
    return {
      ok: true,
      threshold: { op, kind: 'baseline-offset', value: num.value, ...(unit.unit ? { unit: unit.unit } : {}), text },
    };
  }
  const num = readNumber(text, i);
  if (!num) return { ok: false, column: i, error: `expected a number or "baseline" after "${op}", ${EXAMPLES}` };
  const unit = readUnit(text, num.end);
  if (!unit.ok) return unit;
  return {
    ok: true,
    threshold: { op, kind: 'absolute', value: num.value, ...(unit.unit ? { unit: unit.unit } : {}), text },
  };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function readNumber(text: string, i: number): { value: number; start: number; end: number } | undefined {
  const m = NUMBER.exec(text.slice(i));
  if (!m) return undefined;
  const value = Number(m[0]);
  if (!Number.isFinite(value)) return undefined;
  return { value, start: i, end: i + m[0].length };
}

function readUnit(
  text: string,
  i: number,
): { ok: true; unit?: ValueUnit } | { ok: false; error: string; column: number } {
  const j = skipSpace(text, i);
  if (j >= text.length) return { ok: true };
  const unit = UNITS.find((u) => text.startsWith(u, j));
  if (!unit) return { ok: false, column: j, error: `unknown unit "${text.slice(j).trim()}": use %, ms, s or req/s` };
  const end = skipSpace(text, j + unit.length);
  if (end < text.length)
    return { ok: false, column: end, error: `unexpected "${text.slice(end).trim()}" after the value` };
  return { ok: true, unit };
}

/**
 * Checks a parsed threshold against the metric's unit and returns the threshold with values
 * converted into that unit, or an error that says what fits.
 */
export function fitThresholdToUnit(
  t: Threshold,
  metricUnit: MetricUnit,
): { ok: true; threshold: Threshold } | { ok: false; error: string } {
  if (t.kind !== 'absolute' && t.kind !== 'baseline-offset') return { ok: true, threshold: t };
  if (!t.unit) return { ok: true, threshold: t };
  const converted = convert(t.value, t.unit, metricUnit);
  if (converted === undefined) {
    const fits =
      metricUnit === 'count' ? 'a plain number' : metricUnit === 'ms' || metricUnit === 's' ? 'ms or s' : metricUnit;
    return {
      ok: false,
      error: `the unit "${t.unit}" does not fit a metric measured in ${metricUnit === 'count' ? 'counts' : metricUnit}: use ${fits}`,
    };
  }
  return {
    ok: true,
    threshold: { ...t, value: converted, unit: metricUnit === 'count' ? undefined : (metricUnit as ValueUnit) },
  };
}

function convert(value: number, from: ValueUnit, to: MetricUnit): number | undefined {
  if (from === to) return value;
  if (from === 's' && to === 'ms') return value * 1000;
  if (from === 'ms' && to === 's') return value / 1000;
  return undefined;
}

/** The limit a value is compared with, given the baseline's value (null when it cannot be known). */
export function resolveLimit(t: Threshold, baseline: number | null | undefined): number | null {
  if (t.kind === 'absolute') return t.value;
  if (baseline === null || baseline === undefined || !Number.isFinite(baseline)) return null;
  if (t.kind === 'baseline') return baseline;
  if (t.kind === 'baseline-factor') return baseline * t.factor;
  return baseline + t.value;
}

/** true: within the gate; false: breach; null: cannot be judged (no value or no baseline). */
export function checkThreshold(
  t: Threshold,
  value: number | null | undefined,
  baseline: number | null | undefined,
): boolean | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const limit = resolveLimit(t, baseline);
  if (limit === null) return null;
  switch (t.op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

const OP_WORDS: Record<ThresholdOp, string> = {
  '<': 'stay below',
  '<=': 'stay at or below',
  '>': 'stay above',
  '>=': 'stay at or above',
};

/** "the canary's p99 latency must stay within 110% of the baseline's" */
export function describeThreshold(t: Threshold, metric: string, unit?: MetricUnit): string {
  const subject = `the canary's ${metric}`;
  const u = (x: number) => `${round(x)}${unit && unit !== 'count' ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
  switch (t.kind) {
    case 'absolute':
      return `${subject} must ${OP_WORDS[t.op]} ${u(t.value)}`;
    case 'baseline':
      return `${subject} must ${OP_WORDS[t.op]} the baseline's`;
    case 'baseline-factor':
      if (t.op === '<' || t.op === '<=')
        return `${subject} must stay within ${round(t.factor * 100)}% of the baseline's`;
      return `${subject} must ${OP_WORDS[t.op]} ${round(t.factor * 100)}% of the baseline's`;
    case 'baseline-offset':
      return `${subject} must ${OP_WORDS[t.op]} the baseline's plus ${u(t.value)}`;
  }
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
