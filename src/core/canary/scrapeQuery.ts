/**
 * The few custom `query` shapes the scrape source can answer without Prometheus: a plain series
 * (`queue_depth{{selector}}`, summed) and `rate` / `increase` of a counter, optionally in `sum()`.
 * Anything richer needs a real PromQL engine, so it is refused with a message that says so.
 */
export type ScrapeQuery = { fn: 'value' | 'rate' | 'increase'; metric: string };

const NAME = '([a-zA-Z_:][a-zA-Z0-9_:]*)';
const COUNTER = new RegExp(
  `^(sum\\()?(rate|increase)\\(${NAME}\\{\\{selector\\}\\}\\[\\{\\{interval\\}\\}\\]\\)(\\))?$`,
);
const PLAIN = new RegExp(`^(sum\\()?${NAME}\\{\\{selector\\}\\}(\\))?$`);

export function parseScrapeQuery(query: string): ScrapeQuery | undefined {
  const q = query.replace(/\s+/g, '');
  const c = COUNTER.exec(q);
  if (c && !!c[1] === !!c[4]) return { fn: c[2] as 'rate' | 'increase', metric: c[3] };
  const p = PLAIN.exec(q);
  if (p && !!p[1] === !!p[3]) return { fn: 'value', metric: p[2] };
  return undefined;
}
