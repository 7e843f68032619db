/**
 * Tokens of the part of expr-lang (the language of Argo Rollouts' successCondition and
 * failureCondition) that real analysis templates use. Every token keeps its offset so that a
 * condition that does not parse can be pointed at in the editor.
 */

export type TokenKind = 'number' | 'string' | 'name' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The operator or punctuation text, the name, or the string's decoded value. */
  text: string;
  /** Numbers only. */
  value?: number;
  offset: number;
  length: number;
}

export class ExprSyntaxError extends Error {
  override name = 'ExprSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
    readonly length = 1,
  ) {
    super(message);
  }
}

/** Longest first, so `>=` wins over `>`. */
const OPERATORS = [
  '**',
  '??',
  '?.',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '..',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '<',
  '>',
  '!',
  '?',
  ':',
];
const PUNCTUATION = '()[]{},.#';
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      i = readNumber(text, i, tokens);
      continue;
    }
    if (isNameStart(c)) {
      while (i < text.length && isNamePart(text[i])) i++;
      tokens.push({ kind: 'name', text: text.slice(start, i), offset: start, length: i - start });
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i = readString(text, i, tokens);
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    // `?.` followed by a digit is `? .5` (a ternary), as in expr-lang.
    if (op && !(op === '?.' && isDigit(text[i + 2] ?? ''))) {
      tokens.push({ kind: 'op', text: op, offset: i, length: op.length });
      i += op.length;
      continue;
    }
    if (PUNCTUATION.includes(c)) {
      tokens.push({ kind: 'punct', text: c, offset: i, length: 1 });
      i++;
      continue;
    }
    throw new ExprSyntaxError(`unexpected character "${c}"`, i);
  }
  tokens.push({ kind: 'eof', text: '', offset: text.length, length: 0 });
  return tokens;
}

function readNumber(text: string, start: number, tokens: Token[]): number {
  let i = start;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
    i += 2;
    while (/[0-9a-fA-F_]/.test(text[i] ?? '')) i++;
  } else {
    while (isDigit(text[i] ?? '') || text[i] === '_') i++;
    // `1..5` is a range, not the number `1.`.
    if (text[i] === '.' && text[i + 1] !== '.') {
      i++;
      while (isDigit(text[i] ?? '') || text[i] === '_') i++;
    }
    if ((text[i] === 'e' || text[i] === 'E') && /[0-9+-]/.test(text[i + 1] ?? '')) {
      i += 2;
      while (isDigit(text[i] ?? '')) i++;
    }
  }
  const raw = text.slice(start, i).replace(/_/g, '');
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ExprSyntaxError(`"${text.slice(start, i)}" is not a number`, start, i - start);
  tokens.push({ kind: 'number', text: text.slice(start, i), value, offset: start, length: i - start });
  return i;
}

function readString(text: string, start: number, tokens: Token[]): number {
  const quote = text[start];
  let i = start + 1;
  let value = '';
  while (i < text.length && text[i] !== quote) {
    if (text[i] === '\\' && quote !== '`') {
      const next = text[i + 1];
      if (next === undefined) break;
      value += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += text[i];
    i++;
  }
  if (i >= text.length) throw new ExprSyntaxError('a string is not closed', start, text.length - start);
  tokens.push({ kind: 'string', text: value, offset: start, length: i + 1 - start });
  return i + 1;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

function isNamePart(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}
