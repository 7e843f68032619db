/**
 * An Argo `successCondition` / `failureCondition`: checked once (as Argo compiles it against its
 * env) and evaluated per measurement. `checkCondition` is what the editor's lint uses; it names
 * the first problem with its offset in the condition's text.
 */
import { ExprSyntaxError } from './lexer';
import { parseExpr, PREDICATE_FUNCTIONS, type Expr } from './parser';
import { evaluate, ExprRuntimeError, typeName, type Value } from './evaluate';

/** Names Argo puts in the env besides expr-lang's own built-ins. */
const ARGO_FUNCTIONS = new Set(['asInt', 'asFloat', 'isNaN', 'isInf', 'isNil', 'default']);

/** expr-lang's built-in functions (a condition may call them; an unknown one does not compile). */
const EXPR_BUILTINS = new Set([
  ...PREDICATE_FUNCTIONS,
  'groupBy',
  'sortBy',
  'reduce',
  'len',
  'abs',
  'ceil',
  'floor',
  'round',
  'int',
  'float',
  'string',
  'max',
  'min',
  'mean',
  'median',
  'bitand',
  'bitor',
  'bitxor',
  'bitnand',
  'bitnot',
  'bitshl',
  'bitshr',
  'bitushr',
  'trim',
  'trimPrefix',
  'trimSuffix',
  'upper',
  'lower',
  'split',
  'splitAfter',
  'replace',
  'repeat',
  'indexOf',
  'lastIndexOf',
  'hasPrefix',
  'hasSuffix',
  'now',
  'duration',
  'date',
  'timezone',
  'toJSON',
  'fromJSON',
  'toBase64',
  'fromBase64',
  'toPairs',
  'fromPairs',
  'keys',
  'values',
  'first',
  'last',
  'take',
  'reverse',
  'sort',
  'concat',
  'flatten',
  'uniq',
  'join',
  'get',
  'type',
]);

export type ConditionCheck = { ok: true; expr: Expr } | { ok: false; message: string; offset: number; length: number };

export function checkCondition(text: string): ConditionCheck {
  let expr: Expr;
  try {
    expr = parseExpr(text);
  } catch (e) {
    if (e instanceof ExprSyntaxError) return { ok: false, message: e.message, offset: e.offset, length: e.length };
    throw e;
  }
  const problem = findUnknownName(expr);
  return problem ? { ok: false, ...problem } : { ok: true, expr };
}

function findUnknownName(e: Expr): { message: string; offset: number; length: number } | undefined {
  const children: Expr[] = [];
  switch (e.t) {
    case 'name':
      if (e.name === 'result') return undefined;
      return {
        message:
          e.name === 'results'
            ? 'unknown name "results"; the measurement is called "result"'
            : `unknown name "${e.name}"; a condition can only read "result"`,
        offset: e.at,
        length: e.name.length,
      };
    case 'call':
      if (!ARGO_FUNCTIONS.has(e.name) && !EXPR_BUILTINS.has(e.name))
        return { message: `unknown function "${e.name}"`, offset: e.at, length: e.name.length };
      children.push(...e.args);
      break;
    case 'member':
      children.push(e.object, e.key);
      break;
    case 'slice':
      children.push(e.object, ...(e.from ? [e.from] : []), ...(e.to ? [e.to] : []));
      break;
    case 'closure':
      children.push(e.body);
      break;
    case 'unary':
      children.push(e.arg);
      break;
    case 'binary':
      children.push(e.left, e.right);
      break;
    case 'conditional':
      children.push(e.test, e.then, e.otherwise);
      break;
    case 'array':
      children.push(...e.items);
      break;
    default:
      return undefined;
  }
  for (const c of children) {
    const p = findUnknownName(c);
    if (p) return p;
  }
  return undefined;
}

export type ConditionOutcome = { ok: true; value: boolean } | { ok: false; error: string };

/** Runs a checked condition; like Argo, anything but a boolean is an error. */
export function runCondition(expr: Expr, result: Value): ConditionOutcome {
  try {
    const v = evaluate(expr, result);
    if (typeof v !== 'boolean') return { ok: false, error: `the condition gives ${typeName(v)}, not true or false` };
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof ExprRuntimeError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: 'the condition is too deeply nested to evaluate' };
    throw e;
  }
}

/** Argo's `{{args.NAME}}` placeholders stand for values; lint reads them as a number. */
export function withPlaceholders(text: string): string {
  return text.replace(/\{\{[^{}]*\}\}/g, '0');
}
