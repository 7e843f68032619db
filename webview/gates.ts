/** One row per gate: canary, baseline, the threshold resolved to a number, and a badge. */
import type { CheckView, GatePhase, GateRow } from '../src/shared/panel/panelModel';
import { h } from './element';
import { formatClock, formatValue } from './format';

const BADGE: Record<GatePhase, string> = { pass: 'pass', fail: 'fail', inconclusive: 'inconclusive' };

export function renderGates(gates: GateRow[]): HTMLElement {
  if (gates.length === 0)
    return h(
      'section',
      { class: 'gates' },
      h('h3', {}, 'Gates'),
      h('p', { class: 'muted' }, 'This canary has no metrics: nothing decides whether it is healthy.'),
    );
  return h(
    'section',
    { class: 'gates' },
    h('h3', {}, 'Gates'),
    h('ul', { class: 'gate-list' }, ...gates.map(renderGate)),
  );
}

function renderGate(g: GateRow): HTMLElement {
  if (g.valueOnly) return renderAnalysisMetric(g);
  const op = /^\s*(<=|>=|<|>)/.exec(g.threshold)?.[1] ?? '';
  return h(
    'li',
    { class: `gate gate-${g.phase}`, 'data-phase': g.phase },
    h(
      'div',
      { class: 'gate-head' },
      h('span', { class: 'gate-name' }, g.name),
      h('span', { class: `badge badge-${g.phase}` }, BADGE[g.phase]),
    ),
    h(
      'dl',
      { class: 'gate-values' },
      h('div', {}, h('dt', {}, 'canary'), h('dd', { class: 'gate-canary' }, formatValue(g.canary, g.unit))),
      h('div', {}, h('dt', {}, 'baseline'), h('dd', { class: 'gate-baseline' }, formatValue(g.baseline, g.unit))),
      h(
        'div',
        {},
        h('dt', {}, 'limit'),
        h('dd', { class: 'gate-limit' }, g.limit === null ? 'unknown' : `${op} ${formatValue(g.limit, g.unit)}`.trim()),
      ),
    ),
    h('div', { class: 'gate-threshold' }, `threshold: ${g.threshold}`),
    g.note ? h('div', { class: 'gate-note' }, g.note) : null,
  );
}

/** An Argo / Flagger analysis metric: its value, the condition its controller applies, the phase. */
function renderAnalysisMetric(g: GateRow): HTMLElement {
  return h(
    'li',
    { class: `gate gate-${g.phase}`, 'data-phase': g.phase },
    h(
      'div',
      { class: 'gate-head' },
      h('span', { class: 'gate-name' }, g.name),
      h('span', { class: `badge badge-${g.phase}` }, BADGE[g.phase]),
    ),
    h(
      'dl',
      { class: 'gate-values' },
      h('div', {}, h('dt', {}, 'value'), h('dd', { class: 'gate-canary' }, formatValue(g.canary, g.unit))),
    ),
    h('div', { class: 'gate-threshold' }, `condition: ${g.threshold}`),
    g.note ? h('div', { class: 'gate-note' }, g.note) : null,
  );
}

const CHECK_PHASE: Record<CheckView['phase'], GatePhase> = {
  Successful: 'pass',
  Failed: 'fail',
  Inconclusive: 'inconclusive',
  Error: 'inconclusive',
};

/** The latest "Check against Prometheus" results: value, condition and phase per metric. */
export function renderChecks(checks: CheckView[]): HTMLElement {
  return h(
    'section',
    { class: 'checks' },
    h('h3', {}, 'Checked against Prometheus'),
    h(
      'ul',
      { class: 'gate-list' },
      ...checks.map((c) => {
        const phase = CHECK_PHASE[c.phase];
        return h(
          'li',
          { class: `gate gate-${phase} check`, 'data-phase': phase },
          h(
            'div',
            { class: 'gate-head' },
            h('span', { class: 'gate-name' }, c.name),
            h('span', { class: `badge badge-${phase}` }, c.phase),
          ),
          h(
            'dl',
            { class: 'gate-values' },
            h('div', {}, h('dt', {}, 'value'), h('dd', { class: 'check-value' }, formatValue(c.value, ''))),
            h('div', {}, h('dt', {}, 'checked'), h('dd', {}, formatClock(c.at))),
          ),
          h('div', { class: 'gate-threshold' }, `condition: ${c.condition}`),
          h('div', { class: 'gate-threshold' }, c.file),
          c.message ? h('div', { class: 'gate-note' }, c.message) : null,
        );
      }),
    ),
  );
}
