/**
 * The canary panel's webview. Receives a bounded snapshot (`state`) and then one delta per reading
 * (`reading`) from the host, validates each message, and draws with text nodes only.
 * The last snapshot is kept with setState so the view comes back at once when it is re-shown.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { appendReading, type PanelState, type WatchView } from '../src/shared/panel/panelModel';
import { isPanelState, parseHostMessage, type WebviewMessage } from '../src/shared/panel/messages';
import { h, fill } from './element';
import { renderBanner, renderErrors } from './banner';
import { renderBudget } from './budget';
import { renderStaircase } from './staircase';
import { renderChecks, renderGates } from './gates';
import { renderConfigList, button } from './configList';
import { ChartBoard, spanTitle } from './charts';
import { formatAgo } from './format';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const charts = new ChartBoard();
let state: PanelState | null = null;
const saved = vscode.getState();
if (isPanelState((saved as { panel?: unknown } | undefined)?.panel)) state = (saved as { panel: PanelState }).panel;

function send(message: WebviewMessage): void {
  vscode.postMessage(message);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[release-safety panel] ignored a message: ${parsed.error}`);
    return;
  }
  const m = parsed.message;
  if (m.type === 'state') {
    state = m.state;
  } else if (state?.watch) {
    state.watch.reading = m.reading;
    state.watch.backoffMs = m.backoffMs;
    appendReading(state.watch.charts, m.reading);
  } else {
    return; // a reading for a watch the webview does not know yet: the next snapshot brings it
  }
  vscode.setState({ panel: state });
  render();
});

function render(): void {
  if (!state) {
    fill(app, h('p', { class: 'muted' }, 'Loading…'));
    return;
  }
  const now = Date.now();
  const parts: (HTMLElement | null)[] = [];
  if (!state.trusted) parts.push(untrusted());
  if (state.watch) {
    parts.push(header(state.watch), renderBanner(state.watch, now));
    const r = state.watch.reading;
    if (r) {
      parts.push(renderErrors(r.errors), renderStaircase(r.staircase), renderGates(r.gates), renderBudget(r.budget));
    }
    parts.push(
      h(
        'section',
        { class: 'charts-section' },
        h('h3', {}, spanTitle(state.watch.charts, now)),
        legend(),
        charts.element,
      ),
    );
  } else {
    parts.push(renderConfigList(state.configs, state.trusted, send));
  }
  if (state.checks?.length) parts.push(renderChecks(state.checks));
  fill(app, ...parts);
  if (state.watch) charts.update(state.watch.charts, now);
  else charts.clear();
}

function header(w: WatchView): HTMLElement {
  return h(
    'header',
    { class: 'watch-header' },
    h(
      'div',
      { class: 'watch-title' },
      h('span', { class: 'watch-service' }, w.service),
      h('span', { class: 'watch-config', title: w.configLabel }, w.configLabel),
    ),
    h(
      'div',
      { class: 'watch-actions' },
      w.paused
        ? button('Resume', () => send({ type: 'resume' }))
        : button('Pause', () => send({ type: 'pause' }), false, true),
      button('Open config', () => send({ type: 'openConfig', uri: w.configUri }), false, true),
      button('Stop', () => send({ type: 'stop' }), false, true),
    ),
  );
}

function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    h('span', { class: 'key key-canary' }, 'canary'),
    h('span', { class: 'key key-baseline' }, 'baseline'),
    h('span', { class: 'key key-limit' }, 'limit'),
  );
}

function untrusted(): HTMLElement {
  return h(
    'section',
    { class: 'banner banner-untrusted', role: 'status', 'data-verdict': 'untrusted' },
    h(
      'div',
      { class: 'banner-title' },
      h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '!'),
      h('span', { class: 'banner-verdict' }, 'Workspace not trusted'),
    ),
    h(
      'div',
      { class: 'banner-reason' },
      'Release Safety polls no canary source and queries no Prometheus here: a config in a folder you have not trusted could make the editor call any address on your network. Trust the workspace to watch a canary or check a metric.',
    ),
  );
}

// "12s ago" keeps counting between readings, so a silent source is visible without a message.
setInterval(() => {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.ago'))) {
    const at = Number(el.dataset.at);
    if (Number.isFinite(at)) el.textContent = ` · ${formatAgo(Date.now() - at)}`;
  }
}, 1000);

// VS Code swaps the theme by changing the body's class and the root's CSS variables: canvases do
// not follow CSS, so redraw (the chart board rebuilds when the resolved colors changed).
const themeWatch = new MutationObserver(() => {
  if (state?.watch) charts.update(state.watch.charts, Date.now());
});
themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

render();
send({ type: 'ready' });
