/** The verdict banner: the one-glance answer to "is it safe to keep going?". */
import type { Verdict, WatchView } from '../src/shared/panel/panelModel';
import { h } from './element';
import { formatAgo, formatClock, formatDuration } from './format';

/** Stale and inconclusive say plainly that they are not a healthy signal. */
const HEADLINE: Record<Verdict, { icon: string; title: string; hint: string }> = {
  healthy: { icon: '✓', title: 'Healthy', hint: 'Every gate passes: safe to keep going.' },
  breach: { icon: '✕', title: 'Breach', hint: 'A gate fails: stop and roll back.' },
  inconclusive: { icon: '?', title: 'Inconclusive', hint: 'Not enough data to judge. Not a healthy signal.' },
  stale: { icon: '!', title: 'Stale', hint: 'No fresh data from the source. Not a healthy signal.' },
  promoted: { icon: '★', title: 'Promoted', hint: 'All traffic on the canary and every gate passes.' },
};

export function renderBanner(watch: WatchView, now: number): HTMLElement {
  const reading = watch.reading;
  if (!reading) {
    return h(
      'section',
      { class: 'banner banner-waiting', role: 'status', 'data-verdict': 'waiting' },
      h(
        'div',
        { class: 'banner-title' },
        h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '…'),
        h('span', { class: 'banner-verdict' }, 'Waiting for the first reading'),
      ),
      h(
        'div',
        { class: 'banner-reason' },
        watch.paused
          ? 'Watching is paused.'
          : `The first reading takes two polls (${formatDuration(watch.pollIntervalMs)} apart) to compute rates. Not a healthy signal yet.`,
      ),
    );
  }
  const head = HEADLINE[reading.verdict];
  return h(
    'section',
    { class: `banner banner-${reading.verdict}`, role: 'status', 'data-verdict': reading.verdict },
    h(
      'div',
      { class: 'banner-title' },
      h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, head.icon),
      h('span', { class: 'banner-verdict' }, head.title),
      watch.paused ? h('span', { class: 'chip' }, 'paused') : null,
    ),
    h('div', { class: 'banner-reason' }, reading.reason || head.hint),
    // The hint says what to do; for a good verdict the reason already says it all.
    reading.reason && reading.verdict !== 'healthy' && reading.verdict !== 'promoted'
      ? h('div', { class: 'banner-hint' }, head.hint)
      : null,
    h(
      'div',
      { class: 'banner-meta' },
      h('span', { class: 'last-reading' }, `Last reading ${formatClock(reading.at)}`),
      h('span', { class: 'ago', 'data-at': String(reading.at) }, ` · ${formatAgo(now - reading.at)}`),
    ),
    h('div', { class: 'banner-meta poll' }, pollText(watch)),
  );
}

function pollText(watch: WatchView): string {
  if (watch.paused) return 'Paused: the verdict above may be out of date. Resume to poll again.';
  if (watch.backoffMs !== null && watch.backoffMs > watch.pollIntervalMs)
    return `The source keeps failing: next try in ${formatDuration(watch.backoffMs)}.`;
  return `Polling every ${formatDuration(watch.pollIntervalMs)}.`;
}

export function renderErrors(errors: string[]): HTMLElement | null {
  if (errors.length === 0) return null;
  return h(
    'section',
    { class: 'errors', role: 'alert' },
    h('h3', {}, errors.length === 1 ? 'Source error' : `Source errors (${errors.length})`),
    h('ul', {}, ...errors.map((e) => h('li', {}, e))),
  );
}
