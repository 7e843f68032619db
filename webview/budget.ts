/** The risk budget of a watched canary: how much of the allowance its errors have spent so far. */
import type { BudgetView } from '../src/shared/panel/panelModel';
import { h } from './element';

export function renderBudget(budget: BudgetView | undefined): HTMLElement | null {
  if (!budget) return null;
  const tone = budget.over ? 'budget-over' : 'budget-ok';
  // The bar is full at the allowance; beyond it, it stays full and turns red.
  const share = budget.spentPercent === null ? 0 : Math.min(1, budget.spentPercent / budget.maxSpendPercent);
  const fill = h('div', { class: 'budget-fill' });
  // Through the CSSOM: the panel's CSP allows no inline style attributes.
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  return h(
    'section',
    { class: `budget ${tone}`, role: budget.overWhileHealthy ? 'alert' : 'status', 'data-over': String(budget.over) },
    h('h3', {}, 'Risk budget'),
    h('div', { class: 'budget-bar', 'aria-hidden': 'true' }, fill),
    h('div', { class: 'budget-text' }, budget.text),
  );
}
