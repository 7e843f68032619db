/**
 * `${env:NAME}`, `${secret:NAME}` and `${NAME}` (captured by an earlier step) in journey text.
 * Every reference of a journey is checked before anything is sent, so an unknown variable is a
 * clear error at its step instead of a request with a hole in it. `$${` writes a literal `${`.
 */
import type { Ref } from '../parse/yamlNodes';
import type { Journey, Step } from '../synthetic/model';

export type VariableKind = 'env' | 'secret' | 'capture';

export interface VariableRef {
  kind: VariableKind;
  name: string;
  /** Offsets inside the string. */
  start: number;
  end: number;
}

export type ScanResult = { refs: VariableRef[]; errors: string[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Finds the references in one string; malformed ones come back as errors in the user's words. */
export function scanVariables(text: string): ScanResult {
  const refs: VariableRef[] = [];
  const errors: string[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('${', i);
    if (at < 0) break;
    if (at > 0 && text[at - 1] === '$') {
      i = at + 2; // `$${` is a literal `${`
      continue;
    }
    const close = text.indexOf('}', at + 2);
    if (close < 0) {
      errors.push(
        `"${clip(text.slice(at))}" has no closing "}": write \${env:NAME}, \${secret:NAME} or \${name} (or $\${ for a literal \${)`,
      );
      break;
    }
    const inner = text.slice(at + 2, close).trim();
    const colon = inner.indexOf(':');
    const prefix = colon >= 0 ? inner.slice(0, colon).trim() : '';
    const name = colon >= 0 ? inner.slice(colon + 1).trim() : inner;
    if (colon >= 0 && prefix !== 'env' && prefix !== 'secret') {
      errors.push(
        `"\${${inner}}" uses an unknown kind "${prefix}:": use \${env:NAME}, \${secret:NAME} or a captured \${name}`,
      );
    } else if (!NAME.test(name)) {
      errors.push(`"\${${inner}}" is not a variable name: use letters, digits and _ (e.g. \${cart_id})`);
    } else {
      refs.push({ kind: colon >= 0 ? (prefix as 'env' | 'secret') : 'capture', name, start: at, end: close + 1 });
    }
    i = close + 1;
  }
  return { refs, errors };
}

/** The values a journey's variables resolve to. Secrets are resolved before the run starts. */
export interface VariableScope {
  env(name: string): string | undefined;
  secrets: ReadonlyMap<string, string>;
  captured: ReadonlyMap<string, unknown>;
}

export class VariableError extends Error {}

function lookup(ref: VariableRef, scope: VariableScope): unknown {
  const v =
    ref.kind === 'env'
      ? scope.env(ref.name)
      : ref.kind === 'secret'
        ? scope.secrets.get(ref.name)
        : scope.captured.get(ref.name);
  if (v === undefined) throw new VariableError(unknownMessage(ref));
  return v;
}

function unknownMessage(ref: VariableRef): string {
  if (ref.kind === 'env')
    return `the environment variable ${ref.name} is not set (\${env:${ref.name}}): set it and run again`;
  if (ref.kind === 'secret') return `the secret ${ref.name} is not set (\${secret:${ref.name}})`;
  return `\${${ref.name}} is not captured by an earlier step: add "capture: { ${ref.name}: $.path }" to a step before this one, or use \${env:${ref.name}}`;
}

/** Replaces every reference in a string. Throws VariableError for an unknown one. */
export function substitute(text: string, scope: VariableScope): string {
  const { refs, errors } = scanVariables(text);
  if (errors.length) throw new VariableError(errors[0]);
  let out = '';
  let last = 0;
  for (const ref of refs) {
    out += unescape(text.slice(last, ref.start)) + asText(lookup(ref, scope));
    last = ref.end;
  }
  return out + unescape(text.slice(last));
}

/**
 * Substitutes inside a JSON-like value. A string that is exactly one captured reference keeps the
 * captured value's type, so `{ id: "${cart_id}" }` sends the number 42 when 42 was captured.
 */
export function substituteDeep(value: unknown, scope: VariableScope): unknown {
  if (typeof value === 'string') {
    const { refs } = scanVariables(value);
    if (refs.length === 1 && refs[0].kind === 'capture' && refs[0].start === 0 && refs[0].end === value.length)
      return lookup(refs[0], scope);
    return substitute(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[substitute(k, scope)] = substituteDeep(v, scope);
    return out;
  }
  return value;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function unescape(s: string): string {
  return s.includes('$${') ? s.split('$${').join('${') : s;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

/** Every string of a step that variables may appear in, with the most precise source range known. */
export function stepTexts(step: Step): Array<{ text: string; ref: Ref }> {
  const out: Array<{ text: string; ref: Ref }> = [];
  const add = (v: unknown, ref: Ref) => {
    if (typeof v === 'string') out.push({ text: v, ref });
    else if (Array.isArray(v)) v.forEach((x) => add(x, ref));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        add(k, ref);
        add(x, ref);
      }
  };
  const spec = step.spec;
  if (spec.kind === 'request') {
    add(spec.url, spec.urlRef ?? step.keyRef);
    for (const h of spec.headers) add(h.value, h.ref);
    add(spec.body, spec.bodyRef ?? step.ref);
    for (const j of spec.expect?.json ?? []) add(j.expected, j.ref);
    for (const h of spec.expect?.headers ?? []) add(h.expected, h.ref);
    if (spec.expect?.bodyContains) add(spec.expect.bodyContains.value, spec.expect.bodyContains.ref);
  } else {
    add(spec.target, spec.targetRef ?? step.keyRef);
    add(spec.selector, spec.selectorRef ?? step.keyRef);
    add(spec.value, spec.valueRef ?? step.ref);
  }
  return out;
}

export interface VariableProblem {
  stepIndex: number;
  message: string;
  ref: Ref;
  /** The reference that is unknown (absent for a syntax problem). */
  variable?: VariableRef;
}

/** The names of the secrets a journey uses (to resolve them once, before the run). */
export function secretNames(journey: Journey): string[] {
  const names = new Set<string>();
  for (const step of journey.steps)
    for (const { text } of stepTexts(step))
      for (const r of scanVariables(text).refs) if (r.kind === 'secret') names.add(r.name);
  return [...names];
}

/** The names of the env variables a journey uses. */
export function envNames(journey: Journey): string[] {
  const names = new Set<string>();
  for (const step of journey.steps)
    for (const { text } of stepTexts(step))
      for (const r of scanVariables(text).refs) if (r.kind === 'env') names.add(r.name);
  if (journey.baseUrl)
    for (const r of scanVariables(journey.baseUrl.value).refs) if (r.kind === 'env') names.add(r.name);
  return [...names];
}

/**
 * Checks every reference of a journey before anything is sent: env variables and secrets must be
 * set, captured names must be captured by an earlier step, the syntax must be right.
 */
export function checkJourneyVariables(journey: Journey, scope: Omit<VariableScope, 'captured'>): VariableProblem[] {
  const problems: VariableProblem[] = [];
  const captured = new Set<string>();
  const check = (stepIndex: number, text: string, ref: Ref) => {
    const { refs, errors } = scanVariables(text);
    for (const message of errors) problems.push({ stepIndex, message, ref });
    for (const r of refs) {
      const known =
        r.kind === 'env'
          ? scope.env(r.name) !== undefined
          : r.kind === 'secret'
            ? scope.secrets.has(r.name)
            : captured.has(r.name);
      if (!known) problems.push({ stepIndex, message: unknownMessage(r), ref, variable: r });
    }
  };
  if (journey.baseUrl) check(0, journey.baseUrl.value, journey.baseUrl.ref);
  for (const step of journey.steps) {
    for (const { text, ref } of stepTexts(step)) check(step.index, text, ref);
    if (step.spec.kind === 'request') for (const c of step.spec.capture ?? []) captured.add(c.name);
  }
  return problems;
}
