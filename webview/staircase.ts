/** The staircase of traffic steps, the current one lit, and time in step against the interval. */
import type { Staircase } from '../src/shared/panel/panelModel';
import { h } from './element';
import { formatDuration, formatNumber } from './format';

export function renderStaircase(s: Staircase): HTMLElement {
  const max = Math.max(100, ...s.steps);
  const stairs = h(
    'ol',
    { class: 'stairs', 'aria-label': 'Traffic steps' },
    ...s.steps.map((weight, i) => {
      const state = s.current === null ? 'future' : i < s.current ? 'done' : i === s.current ? 'current' : 'future';
      const step = h(
        'li',
        { class: `stair stair-${state}`, 'data-state': state, title: `Step ${i + 1}: ${weight}% of traffic` },
        h('span', { class: 'stair-bar' }),
        h('span', { class: 'stair-label' }, `${formatNumber(weight)}%`),
      );
      // A height, not HTML: set through CSSOM, which the CSP allows.
      (step.firstChild as HTMLElement).style.height = `${Math.max(8, Math.round((weight / max) * 48))}px`;
      return step;
    }),
  );
  return h(
    'section',
    { class: 'staircase' },
    h('h3', {}, 'Traffic steps'),
    stairs,
    h('div', { class: 'step-text' }, stepText(s)),
    progress(s),
  );
}

function stepText(s: Staircase): string {
  const measured = s.weight === null ? 'share of requests unknown' : `measured ${formatNumber(s.weight)}% of requests`;
  if (s.current === null) return `Current step unknown (${measured}).`;
  return `Step ${s.current + 1} of ${s.steps.length}: ${formatNumber(s.steps[s.current] ?? 0)}% (${measured})`;
}

function progress(s: Staircase): HTMLElement | null {
  if (s.intervalMs === null)
    return h('div', { class: 'step-time' }, 'No interval in the config: time in step cannot be judged.');
  const inStep = s.timeInStepMs;
  const text =
    inStep === null
      ? `In step: unknown of ${formatDuration(s.intervalMs)}`
      : `In step ${formatDuration(inStep)} of ${formatDuration(s.intervalMs)}`;
  const ratio = inStep === null ? 0 : Math.min(1, inStep / s.intervalMs);
  const bar = h(
    'div',
    {
      class: 'step-progress',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': String(s.intervalMs),
      'aria-valuenow': String(inStep ?? 0),
    },
    h('div', { class: 'step-progress-fill' }),
  );
  (bar.firstChild as HTMLElement).style.width = `${Math.round(ratio * 100)}%`;
  return h(
    'div',
    { class: 'step-time-block' },
    h('div', { class: 'step-time' }, text, inStep !== null && inStep >= s.intervalMs ? ' · interval reached' : ''),
    bar,
  );
}
