/** Pieces every plan builder needs: an empty plan, numbers read from nodes, refs inside strings. */
import { isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { asScalar, pairOf, refOf, type AnyDoc, type Ref } from '../parse/yamlNodes';
import type { CanaryFormat, CanaryPlan } from './canaryPlan';

export function emptyPlan(format: CanaryFormat, docIndex: number, anchor: Ref): CanaryPlan {
  return { format, docIndex, anchor, steps: [], metrics: [], rollback: { automated: false }, alerts: [], pauses: [] };
}

/** The key of a pair, as a Ref: where "X is missing under here" findings point. */
export function pairKeyRef(pair: Pair | undefined, fallback: Ref): Ref {
  return pair && isScalar(pair.key) ? refOf(pair.key as Node, fallback) : fallback;
}

/** A number written as a number (not a string that looks like one), else undefined. */
export function numberValue(node: unknown, doc?: AnyDoc): number | undefined {
  const v = asScalar(node, doc)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A scalar written as a string or number, as text; undefined for maps, lists, null. */
export function textValue(node: unknown, doc?: AnyDoc): string | undefined {
  const v = asScalar(node, doc)?.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The range of `column .. column+length` of a scalar's value inside the file, so that an error in
 * a threshold can point at the offending character. Falls back to the whole node when the source
 * text is not the value verbatim (escapes, folded lines).
 */
export function refInsideScalar(node: Node | undefined, text: string, column: number, length: number): Ref {
  const whole = refOf(node);
  const scalar = asScalar(node);
  if (!scalar || typeof scalar.value !== 'string') return whole;
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  const start = whole.offset + (quoted ? 1 : 0);
  const value = scalar.value;
  if (text.slice(start, start + value.length) !== value) return whole;
  const from = Math.max(0, Math.min(column, value.length));
  const len = Math.max(0, Math.min(length, value.length - from));
  // An empty range at the end of the value still needs a visible squiggle: widen it to one char.
  if (len === 0) return from > 0 ? { offset: start + from - 1, length: 1 } : whole;
  return { offset: start + from, length: len };
}

/**
 * The range of a node without the line breaks and blank lines that a block collection's range
 * takes with it, so that a finding on a whole list ends where the list's text ends.
 */
export function tightRef(node: Node | undefined | null, text: string): Ref {
  const r = refOf(node);
  let end = r.offset + r.length;
  while (end > r.offset && /\s/.test(text[end - 1])) end--;
  return { offset: r.offset, length: end - r.offset };
}

/**
 * A custom metric (native with its own query, Flagger MetricTemplate) watches errors when its
 * name or query says so: `checkout-5xx-ratio`, `error-ratio`, a query over `status=~"5.."`.
 * Generous on purpose: `canary/no-error-metric` must not nag a team that does watch errors.
 */
export function looksLikeErrorMetric(name: string, query?: string): boolean {
  const words = `${name} ${query ?? ''}`.toLowerCase();
  return /error|success|fail|5xx|5\.\.|\bstatus\b.*[=~]+\s*["']?5/.test(words);
}

/**
 * Where a finding about `key`'s value points: the value as written, or the key itself when the
 * value is empty (`on_failure:` with nothing after it) so the squiggle is never zero-width.
 */
export function valueRefIn(map: YAMLMap | undefined, key: string, text: string, fallback: Ref): Ref | undefined {
  const pair = pairOf(map, key);
  if (!pair) return undefined;
  const r = tightRef(pair.value as Node | null, text);
  return r.length > 0 ? r : pairKeyRef(pair, fallback);
}
