/** The output channel's line for a step; no vscode import, so the CLI-side tests can check it too. */
import { describeWrite, type StepResult } from '../../core/journey/result';

/** One output line per step: status, name, HTTP status and timings (already redacted by the runner), then one per write. */
export function stepLine(journey: string, s: StepResult): string {
  const facts = [
    s.httpStatus,
    s.timings?.ttfbMs !== undefined ? `ttfb ${s.timings.ttfbMs} ms` : undefined,
    s.timings?.loadMs !== undefined ? `load ${s.timings.loadMs} ms` : undefined,
    `${s.durationMs} ms`,
  ].filter((x) => x !== undefined);
  const status = s.status === 'passed' ? 'ok  ' : s.status === 'failed' ? 'FAIL' : 'skip';
  const writes = (s.writes ?? []).map((w) => `\n      ${describeWrite(w)}`).join('');
  return `  ${status} ${journey} > ${s.name} (${facts.join(', ')})${s.status === 'failed' && s.error ? `: ${s.error.message}` : ''}${writes}`;
}
