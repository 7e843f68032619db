/**
 * A parser for the Prometheus text exposition format (version 0.0.4), the body of a `/metrics`
 * endpoint. It never throws: a line it cannot read is skipped and counted, so one broken exporter
 * line does not hide the rest. Memory is bounded by `maxSeries` (and the caller's body limit), and
 * a `keep` filter lets the scrape source hold only the families it evaluates.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface ExpositionSample {
  /** The series name as written (`http_request_duration_seconds_bucket`). */
  name: string;
  /** Label pairs in written order, values unescaped. */
  labels: Record<string, string>;
  /** NaN, +Inf and -Inf are kept as the JS numbers they stand for. */
  value: number;
  /** Milliseconds since the epoch, when the exporter wrote one. */
  timestampMs?: number;
}

export interface Exposition {
  samples: ExpositionSample[];
  /** `# TYPE` per metric family name. */
  types: Map<string, MetricType>;
  /** `# HELP` per metric family name, unescaped. */
  help: Map<string, string>;
  /** Lines that could not be read (neither a comment, a blank line nor a sample). */
  skippedLines: number;
  /** The first skipped line's number (1-based) and a short reason, for a message. */
  firstProblem?: { line: number; reason: string };
  /** More than `maxSeries` samples: the rest were dropped. */
  truncated: boolean;
}

export interface ExpositionOptions {
  /** Samples kept at most; the rest are counted as dropped (default 200,000). */
  maxSeries?: number;
  /** Keep only samples whose series name passes (the others are parsed for validity only). */
  keep?: (name: string) => boolean;
}

export const DEFAULT_MAX_SERIES = 200_000;

const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parseExposition(text: string, options: ExpositionOptions = {}): Exposition {
  const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  const keep = options.keep;
  const out: Exposition = { samples: [], types: new Map(), help: new Map(), skippedLines: 0, truncated: false };
  let lineNo = 0;
  let start = 0;
  const len = text.length;
  while (start < len) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = len;
    lineNo++;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end; // tolerate CRLF
    const problem = readLine(text, start, lineEnd, out, keep, maxSeries);
    if (problem) {
      out.skippedLines++;
      out.firstProblem ??= { line: lineNo, reason: problem };
    }
    start = end + 1;
  }
  return out;
}

/** Reads one line into `out`; returns why it was skipped, or undefined. */
function readLine(
  text: string,
  start: number,
  end: number,
  out: Exposition,
  keep: ExpositionOptions['keep'],
  maxSeries: number,
): string | undefined {
  let i = skipBlank(text, start, end);
  if (i >= end) return undefined;
  if (text.charCodeAt(i) === 35 /* # */) return readComment(text, i + 1, end, out);

  const nameEnd = scanName(text, i, end, true);
  if (nameEnd === i) return 'a sample starts with a metric name';
  const name = text.slice(i, nameEnd);
  i = nameEnd;
  // Series the caller does not keep are still checked, but nothing is allocated for their labels.
  const wanted = !keep || keep(name);
  const labels: Record<string, string> | null = wanted ? Object.create(null) : null;
  if (i < end && text.charCodeAt(i) === 123 /* { */) {
    const r = readLabels(text, i + 1, end, labels);
    if (typeof r === 'string') return r;
    i = r;
  }
  const valueStart = skipBlank(text, i, end);
  if (valueStart === i && valueStart < end) return 'expected a space before the value';
  const valueEnd = scanToken(text, valueStart, end);
  if (valueEnd === valueStart) return 'a sample has no value';
  const value = parseFloatToken(text.slice(valueStart, valueEnd));
  if (value === undefined) return `"${text.slice(valueStart, Math.min(valueEnd, valueStart + 40))}" is not a number`;
  let timestampMs: number | undefined;
  const tsStart = skipBlank(text, valueEnd, end);
  if (tsStart < end) {
    const tsEnd = scanToken(text, tsStart, end);
    const ts = text.slice(tsStart, tsEnd);
    if (!/^-?\d+$/.test(ts)) return `"${ts.slice(0, 40)}" is not a timestamp in milliseconds`;
    if (skipBlank(text, tsEnd, end) < end) return 'unexpected text after the timestamp';
    timestampMs = Number(ts);
  }
  if (!labels) return undefined;
  if (out.samples.length >= maxSeries) {
    out.truncated = true;
    return undefined;
  }
  const sample: ExpositionSample = { name, labels, value };
  if (timestampMs !== undefined) sample.timestampMs = timestampMs;
  out.samples.push(sample);
  return undefined;
}

function readComment(text: string, i: number, end: number, out: Exposition): string | undefined {
  i = skipBlank(text, i, end);
  const kwEnd = scanToken(text, i, end);
  const keyword = text.slice(i, kwEnd);
  if (keyword !== 'HELP' && keyword !== 'TYPE') return undefined; // a plain comment
  const nameStart = skipBlank(text, kwEnd, end);
  const nameEnd = scanName(text, nameStart, end, true);
  if (nameEnd === nameStart) return `# ${keyword} needs a metric name`;
  const name = text.slice(nameStart, nameEnd);
  const restStart = skipBlank(text, nameEnd, end);
  if (keyword === 'HELP') {
    out.help.set(name, unescape(text.slice(restStart, end), false));
    return undefined;
  }
  const type = text.slice(restStart, scanToken(text, restStart, end)) as MetricType;
  if (!TYPES.has(type)) return `unknown metric type "${type.slice(0, 20)}"`;
  out.types.set(name, type);
  return undefined;
}

/** Reads `name="value",...}` starting after `{`; returns the index after `}` or a reason. */
function readLabels(text: string, i: number, end: number, labels: Record<string, string> | null): number | string {
  for (;;) {
    i = skipBlank(text, i, end);
    if (i >= end) return 'labels are not closed with }';
    if (text.charCodeAt(i) === 125 /* } */) return i + 1;
    const nameEnd = scanName(text, i, end, false);
    if (nameEnd === i) return 'expected a label name';
    const labelName = text.slice(i, nameEnd);
    i = skipBlank(text, nameEnd, end);
    if (text.charCodeAt(i) !== 61 /* = */) return `expected = after label ${labelName}`;
    i = skipBlank(text, i + 1, end);
    if (text.charCodeAt(i) !== 34 /* " */) return `the value of label ${labelName} is not quoted`;
    i++;
    const valueStart = i;
    let escaped = false;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 34) break;
      i++;
    }
    if (i >= end) return `the value of label ${labelName} is not closed with "`;
    if (labels) {
      const raw = text.slice(valueStart, i);
      labels[labelName] = escaped ? unescape(raw, true) : raw;
    }
    i = skipBlank(text, i + 1, end);
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) i++;
    else if (c !== 125) return 'expected , or } after a label value';
  }
}

/** Label values escape \\, \" and \n; HELP text escapes \\ and \n. Unknown escapes stay as written. */
function unescape(raw: string, quotes: boolean): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.)/gs, (whole, c: string) => {
    if (c === 'n') return '\n';
    if (c === '\\') return '\\';
    if (c === '"' && quotes) return '"';
    return whole;
  });
}

/** Go's ParseFloat spellings as exporters write them: NaN, +Inf, -Inf, Inf, 1e3, 0x1p-2 excluded. */
export function parseFloatToken(token: string): number | undefined {
  switch (token) {
    case 'NaN':
    case 'nan':
      return NaN;
    case '+Inf':
    case 'Inf':
    case '+inf':
    case 'inf':
      return Infinity;
    case '-Inf':
    case '-inf':
      return -Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) return undefined;
  return Number(token);
}

function skipBlank(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

function scanToken(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) break;
    i++;
  }
  return i;
}

/** [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; label names exclude `:`. */
function scanName(text: string, i: number, end: number, colon: boolean): number {
  const start = i;
  while (i < end) {
    const c = text.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (colon && c === 58);
    const digit = c >= 48 && c <= 57;
    if (!(alpha || (digit && i > start))) break;
    i++;
  }
  return i;
}
