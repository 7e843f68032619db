/**
 * The JSON shape of `release-safety run --reporter json` (README, The CLI): {"journeys": [{"name",
 * "status", "durationMs", "steps": [{"name", "status", "durationMs", "error"}]}]}. `error` is the
 * failure's message, or null. A step that saw writes adds `allowedWrites` and `blockedWrites`
 * ({method, url, via?, step}); a journey that failed after its last step (a late blocked write)
 * carries its own `error`.
 */
import type { WriteRecord } from '../../core/journey/result';
import type { JourneyReporter } from './journeyReport';

const writeJson = (w: WriteRecord) => ({
  method: w.method,
  url: w.url,
  ...(w.via ? { via: w.via } : {}),
  step: w.stepIndex + 1,
});

export const journeyJsonReporter: JourneyReporter = (input) => {
  const journeys = input.result.journeys.map((j) => ({
    name: j.name,
    status: j.status,
    durationMs: j.durationMs,
    steps: j.steps.map((s) => ({
      name: s.name,
      status: s.status,
      durationMs: s.durationMs,
      error: s.error && s.status === 'failed' ? s.error.message : null,
      // Browser steps that saw writes: what went through (declared) and what the guard blocked.
      ...(s.writes?.length
        ? {
            allowedWrites: s.writes.filter((w) => w.allowed).map(writeJson),
            blockedWrites: s.writes.filter((w) => !w.allowed).map(writeJson),
          }
        : {}),
    })),
    ...(j.error && !j.steps.some((s) => s.error && s.status === 'failed') ? { error: j.error.message } : {}),
  }));
  return `${JSON.stringify({ journeys }, null, 2)}\n`;
};
