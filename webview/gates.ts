/** One row per gate: canary, baseline, the threshold resolved to a number, and a badge. */
import type { GatePhase, GateRow } from '../src/extension/panel/panelModel';
import { h } from './element';
import { formatValue } from './format';

const BADGE: Record<GatePhase, string> = { pass: 'pass', fail: 'fail', inconclusive: 'inconclusive' };

export function renderGates(gates: GateRow[]): HTMLElement {
  if (gates.length === 0) return h('section', { class: 'gates' }, h('h3', {}, 'Gates'), h('p', { class: 'muted' }, 'This canary has no metrics: nothing decides whether it is healthy.'));
  return h('section', { class: 'gates' },
    h('h3', {}, 'Gates'),
    h('ul', { class: 'gate-list' }, ...gates.map(renderGate)));
}

function renderGate(g: GateRow): HTMLElement {
  if (g.valueOnly) return renderAnalysisMetric(g);
  const op = /^\s*(<=|>=|<|>)/.exec(g.threshold)?.[1] ?? '';
  return h('li', { class: `gate gate-${g.phase}`, 'data-phase': g.phase },
    h('div', { class: 'gate-head' },
      h('span', { class: 'gate-name' }, g.name),
      h('span', { class: `badge badge-${g.phase}` }, BADGE[g.phase])),
    h('dl', { class: 'gate-values' },
      h('div', {}, h('dt', {}, 'canary'), h('dd', { class: 'gate-canary' }, formatValue(g.canary, g.unit))),
      h('div', {}, h('dt', {}, 'baseline'), h('dd', { class: 'gate-baseline' }, formatValue(g.baseline, g.unit))),
      h('div', {}, h('dt', {}, 'limit'), h('dd', { class: 'gate-limit' }, g.limit === null ? 'unknown' : `${op} ${formatValue(g.limit, g.unit)}`.trim()))),
    h('div', { class: 'gate-threshold' }, `threshold: ${g.threshold}`),
    g.note ? h('div', { class: 'gate-note' }, g.note) : null);
}

/** An Argo / Flagger analysis metric: its value, the condition its controller applies, the phase. */
function renderAnalysisMetric(g: GateRow): HTMLElement {
  return h('li', { class: `gate gate-${g.phase}`, 'data-phase': g.phase },
    h('div', { class: 'gate-head' },
      h('span', { class: 'gate-name' }, g.name),
      h('span', { class: `badge badge-${g.phase}` }, BADGE[g.phase])),
    h('dl', { class: 'gate-values' },
      h('div', {}, h('dt', {}, 'value'), h('dd', { class: 'gate-canary' }, formatValue(g.canary, g.unit)))),
    h('div', { class: 'gate-threshold' }, `condition: ${g.threshold}`),
    g.note ? h('div', { class: 'gate-note' }, g.note) : null);
}
