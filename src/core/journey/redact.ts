/**
 * Keeps secret values out of everything that leaves the runner: results, listener events, error
 * messages, screenshot names. A secret may come back in another spelling (URL-encoded in a query,
 * JSON-, XML- or HTML-escaped in an echoed body, base64 in a header), so each of those spellings
 * is redacted too.
 */
export const REDACTED = '***';

/** Names whose values are treated as secrets when they come from env or a capture. */
const SENSITIVE_NAME = /pass|secret|token|api[-_.]?key|auth|cookie|session|credential|private/i;

export function looksSensitive(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

export class Redactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Adds a value to hide (and its other spellings). Empty values are ignored: they would hide everything. */
  add(value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const s = String(value);
    if (s.length === 0) return;
    const spellings = [
      s,
      encodeURIComponent(s),
      JSON.stringify(s).slice(1, -1),
      escapeXml(s),
      ...htmlEscapes(s),
      ...base64s(s),
    ];
    try {
      spellings.push(encodeURI(s));
    } catch {
      // a lone surrogate: encodeURI throws, and the raw value is already covered
    }
    for (const v of spellings) if (v.length && !this.values.has(v)) this.values.add(v);
    this.pattern = undefined;
  }

  get size(): number {
    return this.values.size;
  }

  /** The text with every secret spelling replaced by `***`. Longest first, so a secret inside another is not half-hidden. */
  text(s: string): string {
    if (this.values.size === 0 || s.length === 0) return s;
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return s.replace(this.pattern, REDACTED);
  }

  /** A deep copy with every string (keys included) redacted. */
  deep<T>(value: T): T {
    if (this.values.size === 0) return value;
    return this.walk(value, 0) as T;
  }

  private walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return this.text(v);
    if (depth > 50 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => this.walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[this.text(k)] = this.walk(x, depth + 1);
    return out;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How HTML serializers write quotes and ampersands: named, decimal and hex references. */
function htmlEscapes(s: string): string[] {
  if (!/[&<>"']/.test(s)) return [];
  const base = (q: string, a: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, q).replace(/'/g, a);
  return [base('&quot;', '&#39;'), base('&#34;', '&#39;'), base('&quot;', '&#x27;'), base('&#x22;', '&#x27;')];
}

/** Base64 and base64url of the value (a token echoed in a header, a basic-auth secret encoded). */
function base64s(s: string): string[] {
  if (s.length < 4) return []; // shorter encodings would hide unrelated text
  const b64 = Buffer.from(s, 'utf8').toString('base64');
  return [b64, b64.replace(/=+$/, ''), Buffer.from(s, 'utf8').toString('base64url')];
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
