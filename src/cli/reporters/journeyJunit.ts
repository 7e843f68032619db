/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): one testsuite per
 * file, one testcase per journey. As Hurl does, a journey whose expectation did not hold carries
 * <failure> (the service answered wrongly), one that could not be checked at all carries <error>
 * (refused connection, TLS, timeout, redirect loop, a missing secret...): CI shows "tests failed"
 * apart from "tests broken". Both hold the message and location; a skipped journey carries
 * <skipped> with the reason. Steps go into <system-out>. See docs/architecture.md (reporters).
 */
import { describeWrite, type JourneyResult } from '../../core/journey/result';
import { countStatuses, formatMs, locationOf, type JourneyReporter } from './journeyReport';

/** A failed journey is a <failure> when an expectation did not hold, else an <error>. */
export function junitOutcome(j: JourneyResult): 'failure' | 'error' | undefined {
  if (j.status !== 'failed') return undefined;
  // A write the guard blocked is the journey misbehaving, as an expectation that did not hold is.
  return !j.error || j.error.kind === 'assertion' || j.error.kind === 'side-effect' ? 'failure' : 'error';
}

export const journeyJunitReporter: JourneyReporter = (input) => {
  const r = input.result;
  const c = countStatuses(r);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const errors = r.journeys.filter((j) => junitOutcome(j) === 'error').length;
  const counts = `tests="${r.journeys.length}" failures="${c.failed - errors}" errors="${errors}" skipped="${c.skipped}" time="${seconds(r.durationMs)}"`;
  out.push(`<testsuites name="release-safety run" ${counts}>`);
  out.push(`  <testsuite name="${attr(input.file)}" ${counts}>`);
  for (const j of r.journeys) {
    out.push(`    <testcase name="${attr(j.name)}" classname="${attr(input.file)}" time="${seconds(j.durationMs)}">`);
    const outcome = junitOutcome(j);
    if (outcome && j.error) {
      const details = [
        j.error.message,
        ...(j.error.expected !== undefined ? [`expected: ${j.error.expected}`] : []),
        ...(j.error.actual !== undefined ? [`actual: ${j.error.actual}`] : []),
        `at ${locationOf(input, j.error.ref)}`,
      ];
      const step = j.error.stepIndex !== undefined ? j.steps.find((s) => s.index === j.error!.stepIndex) : undefined;
      if (step?.screenshot) details.push(`screenshot: ${step.screenshot}`);
      for (const w of j.steps.flatMap((s) => s.writes ?? []).filter((w) => !w.allowed)) details.push(describeWrite(w));
      out.push(
        `      <${outcome} message="${attr(j.error.message)}" type="${attr(j.error.kind)}">${text(details.join('\n'))}</${outcome}>`,
      );
    } else if (j.status === 'skipped') {
      out.push(`      <skipped message="${attr(j.error?.message ?? 'not run')}"/>`);
    }
    const steps = j.steps.flatMap((s) => [
      `${s.status.padEnd(7)} ${s.name} (${formatMs(s.durationMs)})${s.error && s.status === 'failed' ? `: ${s.error.message}` : ''}`,
      ...(s.writes ?? []).map((w) => `        ${describeWrite(w)}`),
    ]);
    out.push(`      <system-out>${text(steps.join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
};

/** Characters XML 1.0 cannot hold at all (control characters a response body may carry). */
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
