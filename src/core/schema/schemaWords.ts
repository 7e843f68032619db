/** How schema paths, types and values are named in findings: in the user's words, short. */

const ITEM_NAMES: Record<string, string> = {
  steps: 'step',
  journeys: 'journey',
  alerts: 'alert',
  metrics: 'metric',
  locations: 'location',
  on: 'event',
  status: 'status',
  templates: 'template',
  args: 'argument',
  analyses: 'analysis',
  webhooks: 'webhook',
  stepWeights: 'step weight',
  dryRun: 'dry-run entry',
};

/** `steps`, `expect.status`, "step 2", "alert 1 of `alerts`" ... */
export function describePath(path: ReadonlyArray<string | number>): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  if (typeof last === 'string') return `\`${last}\``;
  const parent = path[path.length - 2];
  const item = typeof parent === 'string' ? ITEM_NAMES[parent] : undefined;
  return item ? `${item} ${last + 1}` : `item ${last + 1}${typeof parent === 'string' ? ` of \`${parent}\`` : ''}`;
}

export function typeWords(t: string): string {
  switch (t) {
    case 'array':
      return 'a list';
    case 'object':
      return 'a map';
    case 'string':
      return 'text';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'empty';
    default:
      return t;
  }
}

export function actualWords(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'boolean') return `\`${String(v)}\``;
  return typeof v;
}

export function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const EXAMPLES: Record<string, string> = {
  steps: ' (a list of steps, e.g. `- request: GET /health`)',
  name: ' (what it checks, in words)',
  channel: ' (e.g. `slack:#deploys`)',
  selector: ' (e.g. `"#submit"`)',
  contains: ' (the text to find)',
  url: ' (a path or URL)',
  key: ' (e.g. `Enter`)',
};

/** An example for a missing native key, as a suffix (empty when there is none). */
export function example(key: string, native: boolean): string {
  return native ? (EXAMPLES[key] ?? '') : '';
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function lowerFirst(s: string): string {
  return /^[A-Z][a-z ]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Keys and values echoed in messages stay short (and a pasted blob does not flood the Problems view). */
export function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function backticked(items: readonly string[]): string {
  return items.map((k) => `\`${k}\``).join(', ');
}
