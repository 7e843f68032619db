/**
 * Evaluates a parsed Argo condition over a measurement's `result`. Safe by construction: values
 * are numbers, strings, booleans, null, arrays and Maps (objects are copied into Maps, so a
 * member access can never reach a prototype); functions are a fixed list written here, never
 * the host's; every node evaluated costs one step from a bounded budget.
 * Semantics follow Argo's env (utils/evaluate/evaluate.go in argoproj/argo-rollouts):
 * `default(x, d)` and `isNil(x)` look at the whole result, not at `x`, exactly as Argo's do.
 */
import type { Expr } from './parser';

export type Value = number | string | boolean | null | Value[] | Map<string, Value>;

export class ExprRuntimeError extends Error {
  override name = 'ExprRuntimeError';
}

export const MAX_STEPS = 100_000;
const MAX_RANGE = 10_000;

/** Turns JSON-like input into Values: objects become Maps with own keys only. */
export function toValue(input: unknown, depth = 0): Value {
  if (depth > 64) throw new ExprRuntimeError('the result is nested too deeply');
  if (input === null || input === undefined) return null;
  if (typeof input === 'number' || typeof input === 'string' || typeof input === 'boolean') return input;
  if (Array.isArray(input)) return input.map((x) => toValue(x, depth + 1));
  if (input instanceof Map) return input as Map<string, Value>;
  if (typeof input === 'object') {
    const m = new Map<string, Value>();
    for (const k of Object.keys(input)) m.set(k, toValue((input as Record<string, unknown>)[k], depth + 1));
    return m;
  }
  return null;
}

export function typeName(v: Value | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Map) return 'a map';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'string') return 'a string';
  return 'a boolean';
}

export function formatValue(v: Value): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

interface Scope {
  result: Value;
  pointer?: Value;
  steps: { left: number };
}

export function evaluate(expr: Expr, result: Value): Value {
  return run(expr, { result, steps: { left: MAX_STEPS } });
}

function run(e: Expr, s: Scope): Value {
  if (--s.steps.left < 0) throw new ExprRuntimeError(`the condition needs more than ${MAX_STEPS} steps; simplify it`);
  switch (e.t) {
    case 'literal':
      return e.value;
    case 'name':
      if (e.name === 'result') return s.result;
      throw new ExprRuntimeError(`unknown name ${e.name}`);
    case 'pointer':
      if (s.pointer === undefined) throw new ExprRuntimeError('"#" used outside a predicate');
      return s.pointer;
    case 'member':
      return member(run(e.object, s), e.key, e.optional, s);
    case 'slice':
      return slice(run(e.object, s), e.from && run(e.from, s), e.to && run(e.to, s));
    case 'array':
      return e.items.map((x) => run(x, s));
    case 'closure':
      throw new ExprRuntimeError('a predicate is only allowed as the second argument of all, any, filter, ...');
    case 'unary': {
      const v = run(e.arg, s);
      if (e.op === 'not') return not(v);
      if (typeof v !== 'number') throw new ExprRuntimeError(`cannot apply "${e.op}" to ${typeName(v)}`);
      return e.op === '-' ? -v : v;
    }
    case 'conditional': {
      const test = run(e.test, s);
      if (typeof test !== 'boolean') throw new ExprRuntimeError(`"? :" needs a boolean test, not ${typeName(test)}`);
      return test ? run(e.then, s) : run(e.otherwise, s);
    }
    case 'binary':
      return binary(e.op, e.left, e.right, s);
    case 'call':
      return call(e.name, e.args, s);
  }
}

function not(v: Value): boolean {
  if (typeof v !== 'boolean') throw new ExprRuntimeError(`cannot apply "not" to ${typeName(v)}`);
  return !v;
}

function member(object: Value, keyExpr: Expr, optional: boolean, s: Scope): Value {
  if (object === null) {
    if (optional) return null;
    throw new ExprRuntimeError('cannot read a field or an index of nil (the result is empty?)');
  }
  const key = run(keyExpr, s);
  if (Array.isArray(object)) {
    if (typeof key !== 'number' || !Number.isInteger(key))
      throw new ExprRuntimeError(`a list is indexed by a whole number, not ${typeName(key)}`);
    const i = key < 0 ? object.length + key : key;
    if (i < 0 || i >= object.length)
      throw new ExprRuntimeError(
        `index out of range: ${key} (the result has ${object.length} value${object.length === 1 ? '' : 's'})`,
      );
    return object[i];
  }
  if (object instanceof Map) {
    if (typeof key !== 'string') throw new ExprRuntimeError(`a map is indexed by a string, not ${typeName(key)}`);
    return object.has(key) ? object.get(key)! : null;
  }
  if (typeof object === 'string' && typeof key === 'number' && Number.isInteger(key)) {
    const i = key < 0 ? object.length + key : key;
    if (i < 0 || i >= object.length) throw new ExprRuntimeError(`index out of range: ${key}`);
    return object[i];
  }
  throw new ExprRuntimeError(`cannot read ${formatValue(key)} of ${typeName(object)}`);
}

function slice(object: Value, from: Value | undefined, to: Value | undefined): Value {
  if (!Array.isArray(object) && typeof object !== 'string')
    throw new ExprRuntimeError(`cannot slice ${typeName(object)}`);
  const a = from === undefined ? 0 : from;
  const b = to === undefined ? object.length : to;
  if (typeof a !== 'number' || typeof b !== 'number') throw new ExprRuntimeError('slice bounds must be numbers');
  return object.slice(a, b);
}

function binary(op: string, le: Expr, re: Expr, s: Scope): Value {
  if (op === 'and' || op === '&&' || op === 'or' || op === '||') {
    const l = run(le, s);
    if (typeof l !== 'boolean') throw new ExprRuntimeError(`"${op}" needs booleans, not ${typeName(l)}`);
    const isAnd = op === 'and' || op === '&&';
    if (isAnd ? !l : l) return l;
    const r = run(re, s);
    if (typeof r !== 'boolean') throw new ExprRuntimeError(`"${op}" needs booleans, not ${typeName(r)}`);
    return r;
  }
  if (op === '??') {
    const l = run(le, s);
    return l === null ? run(re, s) : l;
  }
  const l = run(le, s);
  const r = run(re, s);
  switch (op) {
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, l, r);
    case 'in':
    case 'not in': {
      let found: boolean;
      if (Array.isArray(r)) found = r.some((x) => equal(x, l));
      else if (r instanceof Map) found = typeof l === 'string' && r.has(l);
      else throw new ExprRuntimeError(`"in" needs a list or a map on its right, not ${typeName(r)}`);
      return op === 'in' ? found : !found;
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      if (typeof l !== 'string' || typeof r !== 'string') throw new ExprRuntimeError(`"${op}" needs strings`);
      return op === 'contains' ? l.includes(r) : op === 'startsWith' ? l.startsWith(r) : l.endsWith(r);
    case 'matches':
      // A regular expression from a file could take exponential time; Argo's Go regexps cannot.
      throw new ExprRuntimeError(
        '"matches" (regular expressions) is not evaluated here; check this metric in the cluster',
      );
    case '..': {
      if (typeof l !== 'number' || typeof r !== 'number' || !Number.isInteger(l) || !Number.isInteger(r))
        throw new ExprRuntimeError('a range needs whole numbers');
      if (r - l > MAX_RANGE) throw new ExprRuntimeError(`a range of more than ${MAX_RANGE} numbers is too large`);
      const out: number[] = [];
      for (let i = l; i <= r; i++) out.push(i);
      return out;
    }
    case '+':
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      return arithmetic(op, l, r);
    default:
      return arithmetic(op, l, r);
  }
}

function arithmetic(op: string, l: Value, r: Value): number {
  if (typeof l !== 'number' || typeof r !== 'number')
    throw new ExprRuntimeError(
      `cannot apply "${op}" to ${typeName(l)} and ${typeName(r)}${Array.isArray(l) || Array.isArray(r) ? ' (the result is a list: use result[0])' : ''}`,
    );
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      if (r === 0) throw new ExprRuntimeError('integer divide by zero');
      return l % r;
    default:
      return l ** r;
  }
}

function compare(op: string, l: Value, r: Value): boolean {
  const bothNumbers = typeof l === 'number' && typeof r === 'number';
  const bothStrings = typeof l === 'string' && typeof r === 'string';
  if (!bothNumbers && !bothStrings) {
    const hint =
      Array.isArray(l) || Array.isArray(r)
        ? ' (the result is a list: use result[0])'
        : l === null || r === null
          ? ' (the result is empty?)'
          : '';
    throw new ExprRuntimeError(`cannot compare ${typeName(l)} with ${typeName(r)} using "${op}"${hint}`);
  }
  const a = l as number | string;
  const b = r as number | string;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

export function equal(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a instanceof Map && b instanceof Map)
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && equal(v, b.get(k)!));
  return a === b;
}

function call(name: string, args: Expr[], s: Scope): Value {
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max)
      throw new ExprRuntimeError(
        `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}`,
      );
  };
  const list = (v: Value): Value[] => {
    if (!Array.isArray(v)) throw new ExprRuntimeError(`${name}() needs a list, not ${typeName(v)}`);
    return v;
  };
  const num = (v: Value): number => {
    if (typeof v !== 'number')
      throw new ExprRuntimeError(
        `${name}() needs a number, not ${typeName(v)}${Array.isArray(v) ? ' (the result is a list: use result[0])' : ''}`,
      );
    return v;
  };
  const each = (fn: (items: Value[], test: (x: Value) => Value) => Value): Value => {
    arity(2);
    const items = list(run(args[0], s));
    const body = args[1].t === 'closure' ? args[1].body : args[1];
    return fn(items, (x) => run(body, { ...s, pointer: x }));
  };
  const truth = (v: Value): boolean => {
    if (typeof v !== 'boolean')
      throw new ExprRuntimeError(`the predicate of ${name}() must give a boolean, not ${typeName(v)}`);
    return v;
  };
  switch (name) {
    case 'len': {
      arity(1);
      const v = run(args[0], s);
      if (Array.isArray(v) || typeof v === 'string') return v.length;
      if (v instanceof Map) return v.size;
      throw new ExprRuntimeError(`len() needs a list, a map or a string, not ${typeName(v)}`);
    }
    case 'all':
      return each((xs, t) => xs.every((x) => truth(t(x))));
    case 'any':
      return each((xs, t) => xs.some((x) => truth(t(x))));
    case 'none':
      return each((xs, t) => !xs.some((x) => truth(t(x))));
    case 'one':
      return each((xs, t) => xs.filter((x) => truth(t(x))).length === 1);
    case 'filter':
      return each((xs, t) => xs.filter((x) => truth(t(x))));
    case 'map':
      return each((xs, t) => xs.map((x) => t(x)));
    case 'count':
      return each((xs, t) => xs.filter((x) => truth(t(x))).length);
    case 'find':
      return each((xs, t) => xs.find((x) => truth(t(x))) ?? null);
    case 'findIndex':
      return each((xs, t) => xs.findIndex((x) => truth(t(x))));
    case 'sum':
      if (args.length === 2) return each((xs, t) => xs.reduce<number>((acc, x) => acc + num(t(x)), 0));
      arity(1);
      return list(run(args[0], s)).reduce<number>((acc, x) => acc + num(x), 0);
    case 'max':
    case 'min':
    case 'mean': {
      if (args.length === 0) arity(1, 16);
      const values = args.length === 1 ? run(args[0], s) : args.map((a) => run(a, s));
      const xs = (Array.isArray(values) ? values : [values]).map(num);
      if (xs.length === 0) return name === 'mean' ? 0 : null;
      if (name === 'mean') return xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, b) => (name === 'max' ? (b > a ? b : a) : b < a ? b : a));
    }
    case 'first':
    case 'last': {
      arity(1);
      const xs = list(run(args[0], s));
      return (name === 'first' ? xs[0] : xs[xs.length - 1]) ?? null;
    }
    case 'abs':
    case 'ceil':
    case 'floor':
    case 'round': {
      arity(1);
      const x = num(run(args[0], s));
      return name === 'abs'
        ? Math.abs(x)
        : name === 'ceil'
          ? Math.ceil(x)
          : name === 'floor'
            ? Math.floor(x)
            : Math.round(x);
    }
    case 'isNaN':
      arity(1);
      return Number.isNaN(num(run(args[0], s)));
    case 'isInf': {
      arity(1);
      const x = num(run(args[0], s));
      return x === Infinity || x === -Infinity;
    }
    case 'isNil':
      arity(1);
      run(args[0], s);
      return s.result === null;
    case 'default':
      arity(2);
      run(args[0], s);
      return s.result === null ? run(args[1], s) : s.result;
    case 'int':
    case 'asInt':
      arity(1);
      return toNumber(name, run(args[0], s), true);
    case 'float':
    case 'asFloat':
      arity(1);
      return toNumber(name, run(args[0], s), false);
    case 'string':
      arity(1);
      return stringOf(run(args[0], s));
    default:
      throw new ExprRuntimeError(`unknown function ${name}()`);
  }
}

function toNumber(name: string, v: Value, whole: boolean): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) n = Number(v);
  else
    throw new ExprRuntimeError(
      `${name}() cannot read ${typeName(v)}${typeof v === 'string' ? ` "${v}"` : ''} as a number`,
    );
  return whole ? Math.trunc(n) : n;
}

function stringOf(v: Value): string {
  return typeof v === 'string' ? v : formatValue(v);
}
