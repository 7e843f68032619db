/**
 * The JSON shape of `release-safety run --reporter json` (README, The CLI): {"journeys": [{"name", "status", "durationMs", "steps": [{"name", "status",
 * "durationMs", "error"}]}]}. `error` is the failure's message, or null.
 */
import type { JourneyReporter } from './journeyReport';

export const journeyJsonReporter: JourneyReporter = (input) => {
  const journeys = input.result.journeys.map((j) => ({
    name: j.name,
    status: j.status,
    durationMs: j.durationMs,
    steps: j.steps.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs, error: s.error && s.status === 'failed' ? s.error.message : null })),
  }));
  return `${JSON.stringify({ journeys }, null, 2)}\n`;
};
