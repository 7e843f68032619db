/** Pieces every plan builder needs: an empty plan, numbers read from nodes, refs inside strings. */
import { isScalar, type Node, type Pair } from 'yaml';
import { asScalar, refOf, type AnyDoc, type Ref } from '../parse/yamlNodes';
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
