/**
 * A Pratt parser for the subset of expr-lang that Argo Rollouts conditions use: literals,
 * `result`, member and index access (`result[0]`, `result.ok`), calls of the built-in functions,
 * predicates (`all(result, {# < 0.01})`, `all(result, # < 1000)`, `.value` inside one), unary
 * `not` / `!` / `-`, `and` / `or` / `&&` / `||`, comparisons, `in`, arithmetic, `??` and `?:`.
 * Precedences follow expr-lang's operator table so that `a || b && c` groups as Argo groups it.
 * The input length and nesting depth are bounded, so no condition can make the parser work hard.
 */
import { ExprSyntaxError, tokenize, type Token } from './lexer';

export type Expr =
  | { t: 'literal'; value: number | string | boolean | null; at: number }
  | { t: 'name'; name: string; at: number }
  | { t: 'pointer'; at: number }
  | { t: 'member'; object: Expr; key: Expr; optional: boolean; at: number }
  | { t: 'slice'; object: Expr; from?: Expr; to?: Expr; at: number }
  | { t: 'call'; name: string; args: Expr[]; at: number }
  | { t: 'closure'; body: Expr; at: number }
  | { t: 'unary'; op: string; arg: Expr; at: number }
  | { t: 'binary'; op: string; left: Expr; right: Expr; at: number }
  | { t: 'conditional'; test: Expr; then: Expr; otherwise: Expr; at: number }
  | { t: 'array'; items: Expr[]; at: number };

export const MAX_CONDITION_LENGTH = 4096;
const MAX_DEPTH = 64;

/** Binary operators: precedence and whether they group to the right (expr-lang's table). */
const BINARY: Record<string, { prec: number; right?: boolean }> = {
  or: { prec: 10 },
  '||': { prec: 10 },
  and: { prec: 15 },
  '&&': { prec: 15 },
  '==': { prec: 20 },
  '!=': { prec: 20 },
  '<': { prec: 20 },
  '>': { prec: 20 },
  '<=': { prec: 20 },
  '>=': { prec: 20 },
  in: { prec: 20 },
  'not in': { prec: 20 },
  contains: { prec: 20 },
  startsWith: { prec: 20 },
  endsWith: { prec: 20 },
  matches: { prec: 20 },
  '..': { prec: 25 },
  '+': { prec: 30 },
  '-': { prec: 30 },
  '*': { prec: 60 },
  '/': { prec: 60 },
  '%': { prec: 60 },
  '**': { prec: 100, right: true },
  '^': { prec: 100, right: true },
  '??': { prec: 500 },
};
const UNARY_NOT_PREC = 50;
const UNARY_SIGN_PREC = 90;

/** Built-ins whose second argument is a predicate over each element (`#`). */
export const PREDICATE_FUNCTIONS = new Set([
  'all',
  'any',
  'none',
  'one',
  'filter',
  'map',
  'count',
  'sum',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

export function parseExpr(text: string): Expr {
  if (text.length > MAX_CONDITION_LENGTH)
    throw new ExprSyntaxError(`the condition is longer than ${MAX_CONDITION_LENGTH} characters`, 0, text.length);
  if (text.trim() === '') throw new ExprSyntaxError('the condition is empty', 0, text.length);
  const p = new Parser(tokenize(text));
  const expr = p.expression(0);
  const rest = p.peek();
  if (rest.kind !== 'eof')
    throw new ExprSyntaxError(
      `unexpected "${rest.text || 'text'}" after a complete condition`,
      rest.offset,
      Math.max(1, rest.length),
    );
  return expr;
}

class Parser {
  private i = 0;
  private depth = 0;
  private closures = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[Math.min(this.i++, this.tokens.length - 1)];
  }

  private is(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return (t.kind === 'op' || t.kind === 'punct' || t.kind === 'name') && t.text === text;
  }

  private expect(text: string, what: string): Token {
    const t = this.peek();
    if (!this.is(text))
      throw new ExprSyntaxError(`expected "${text}" ${what}, found ${describe(t)}`, t.offset, Math.max(1, t.length));
    return this.next();
  }

  expression(minPrec: number): Expr {
    if (++this.depth > MAX_DEPTH)
      throw new ExprSyntaxError(`the condition is nested more than ${MAX_DEPTH} levels deep`, this.peek().offset);
    try {
      let left = this.unary();
      for (;;) {
        const op = this.binaryOperator();
        if (!op) break;
        const info = BINARY[op.text];
        if (info.prec < minPrec) break;
        this.i += op.width;
        const right = this.expression(info.right ? info.prec : info.prec + 1);
        left = { t: 'binary', op: op.text, left, right, at: op.offset };
      }
      if (minPrec === 0 && this.is('?')) {
        const at = this.next().offset;
        const then = this.expression(0);
        this.expect(':', 'between the two branches of "? :"');
        const otherwise = this.expression(0);
        left = { t: 'conditional', test: left, then, otherwise, at };
      }
      return left;
    } finally {
      this.depth--;
    }
  }

  private binaryOperator(): { text: string; offset: number; width: number } | undefined {
    const t = this.peek();
    if (t.kind === 'name' && t.text === 'not' && this.is('in', 1))
      return { text: 'not in', offset: t.offset, width: 2 };
    if ((t.kind === 'op' || t.kind === 'name') && Object.prototype.hasOwnProperty.call(BINARY, t.text))
      return { text: t.text, offset: t.offset, width: 1 };
    return undefined;
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.is('not') || this.is('!')) {
      this.next();
      return { t: 'unary', op: 'not', arg: this.expression(UNARY_NOT_PREC), at: t.offset };
    }
    if (this.is('-') || this.is('+')) {
      this.next();
      return { t: 'unary', op: t.text, arg: this.expression(UNARY_SIGN_PREC), at: t.offset };
    }
    return this.postfix(this.primary());
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { t: 'literal', value: t.value!, at: t.offset };
      case 'string':
        return { t: 'literal', value: t.text, at: t.offset };
      case 'name':
        if (t.text === 'true' || t.text === 'false') return { t: 'literal', value: t.text === 'true', at: t.offset };
        if (t.text === 'nil') return { t: 'literal', value: null, at: t.offset };
        if (this.is('(')) return this.call(t);
        return { t: 'name', name: t.text, at: t.offset };
      case 'punct':
        if (t.text === '(') {
          const inner = this.expression(0);
          this.expect(')', 'to close "("');
          return inner;
        }
        if (t.text === '[') return this.arrayLiteral(t);
        if (t.text === '#') {
          if (this.closures === 0)
            throw new ExprSyntaxError(
              '"#" is only meaningful inside a predicate such as all(result, {# > 0})',
              t.offset,
            );
          return { t: 'pointer', at: t.offset };
        }
        if (t.text === '.' && this.closures > 0 && this.peek().kind === 'name') {
          // `.value` inside a predicate is `#.value`.
          const name = this.next();
          return {
            t: 'member',
            object: { t: 'pointer', at: t.offset },
            key: { t: 'literal', value: name.text, at: name.offset },
            optional: false,
            at: t.offset,
          };
        }
        break;
      case 'eof':
        throw new ExprSyntaxError('the condition ends too early', t.offset);
      default:
        break;
    }
    throw new ExprSyntaxError(`unexpected ${describe(t)}`, t.offset, Math.max(1, t.length));
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (this.is('.') || this.is('?.')) {
        this.next();
        const name = this.next();
        if (name.kind !== 'name')
          throw new ExprSyntaxError(
            `expected a field name after "${t.text}", found ${describe(name)}`,
            name.offset,
            Math.max(1, name.length),
          );
        expr = {
          t: 'member',
          object: expr,
          key: { t: 'literal', value: name.text, at: name.offset },
          optional: t.text === '?.',
          at: t.offset,
        };
      } else if (this.is('[')) {
        this.next();
        if (this.is(':')) {
          this.next();
          const to = this.is(']') ? undefined : this.expression(0);
          this.expect(']', 'to close "["');
          expr = { t: 'slice', object: expr, ...(to ? { to } : {}), at: t.offset };
          continue;
        }
        const key = this.expression(0);
        if (this.is(':')) {
          this.next();
          const to = this.is(']') ? undefined : this.expression(0);
          this.expect(']', 'to close "["');
          expr = { t: 'slice', object: expr, from: key, ...(to ? { to } : {}), at: t.offset };
          continue;
        }
        this.expect(']', 'to close "["');
        expr = { t: 'member', object: expr, key, optional: false, at: t.offset };
      } else {
        return expr;
      }
    }
  }

  private call(name: Token): Expr {
    this.expect('(', 'after a function name');
    const args: Expr[] = [];
    const predicate = PREDICATE_FUNCTIONS.has(name.text);
    while (!this.is(')')) {
      if (args.length > 0) this.expect(',', 'between arguments');
      if (predicate && args.length === 1) args.push(this.closure());
      else args.push(this.expression(0));
    }
    this.expect(')', `to close the call of ${name.text}`);
    return { t: 'call', name: name.text, args, at: name.offset };
  }

  private closure(): Expr {
    const at = this.peek().offset;
    this.closures++;
    try {
      if (this.is('{')) {
        this.next();
        const body = this.expression(0);
        this.expect('}', 'to close the predicate');
        return { t: 'closure', body, at };
      }
      return { t: 'closure', body: this.expression(0), at };
    } finally {
      this.closures--;
    }
  }

  private arrayLiteral(open: Token): Expr {
    const items: Expr[] = [];
    while (!this.is(']')) {
      if (items.length > 0) this.expect(',', 'between list items');
      if (this.is(']')) break;
      items.push(this.expression(0));
    }
    this.expect(']', 'to close the list');
    return { t: 'array', items, at: open.offset };
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the condition';
  if (t.kind === 'string') return `the string "${t.text}"`;
  return `"${t.text}"`;
}
