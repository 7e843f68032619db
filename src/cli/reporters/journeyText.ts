/**
 * The human report of a run: one line per journey and per step (status, timings), and for a
 * failure the message, expected vs actual, the source location and the screenshot.
 */
import { describeWrite, type JourneyResult, type StepResult } from '../../core/journey/result';
import { countStatuses, formatMs, locationOf, type JourneyReportInput, type JourneyReporter } from './journeyReport';

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

export const journeyTextReporter: JourneyReporter = (input) => {
  const paint = (code: number, s: string) => (input.color ? `\u001b[${code}m${s}\u001b[39m` : s);
  const colorOf = { passed: 32, failed: 31, skipped: 33 } as const;
  const lines: string[] = [input.file];
  for (const j of input.result.journeys) {
    lines.push(
      `  ${paint(colorOf[j.status], MARK[j.status])} ${j.name} ${paint(90, `(${j.kind}, ${formatMs(j.durationMs)})`)}`,
    );
    for (const s of j.steps) lines.push(...stepLines(input, s, paint, colorOf));
    if (j.error && !j.steps.some((s) => s.error)) lines.push(...failureLines(input, j));
  }
  const c = countStatuses(input.result);
  const parts = [`${c.passed} passed`, `${c.failed} failed`, ...(c.skipped ? [`${c.skipped} skipped`] : [])];
  const n = input.result.journeys.length;
  lines.push(
    '',
    `${n} journey${n === 1 ? '' : 's'}: ${parts.join(', ')} (${formatMs(input.result.durationMs)})${input.result.cancelled ? ', cancelled' : ''}`,
  );
  return `${lines.join('\n')}\n`;
};

function stepLines(
  input: JourneyReportInput,
  s: StepResult,
  paint: (c: number, s: string) => string,
  colorOf: Record<string, number>,
): string[] {
  const facts: string[] = [];
  if (s.httpStatus !== undefined) facts.push(String(s.httpStatus));
  if (s.timings?.ttfbMs !== undefined) facts.push(`ttfb ${formatMs(s.timings.ttfbMs)}`);
  if (s.timings?.loadMs !== undefined) facts.push(`load ${formatMs(s.timings.loadMs)}`);
  if (s.status !== 'skipped') facts.push(`total ${formatMs(s.durationMs)}`);
  if (s.redirects) facts.push(`${s.redirects} redirect${s.redirects > 1 ? 's' : ''}`);
  if (s.attempts && s.attempts > 1) facts.push(`${s.attempts} attempts`);
  const out = [
    `      ${paint(colorOf[s.status], MARK[s.status])} ${s.name}${facts.length ? paint(90, `  ${facts.join(', ')}`) : ''}`,
  ];
  if (s.error && s.status === 'failed') {
    out.push(`          ${s.error.message}`);
    if (s.error.expected !== undefined) out.push(`          expected: ${s.error.expected}`);
    if (s.error.actual !== undefined) out.push(`          actual:   ${s.error.actual}`);
    out.push(`          at ${locationOf(input, s.error.ref)}`);
  }
  for (const w of s.writes ?? []) out.push(`          ${w.allowed ? describeWrite(w) : paint(31, describeWrite(w))}`);
  if (s.screenshot) out.push(`          screenshot: ${s.screenshot}`);
  return out;
}

function failureLines(input: JourneyReportInput, j: JourneyResult): string[] {
  return [`      ${j.error!.message}`, `      at ${locationOf(input, j.error!.ref)}`];
}
