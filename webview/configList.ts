/** The empty state: the canary configs of the workspace, each with a button to watch it. */
import type { ConfigEntry } from '../src/shared/panel/panelModel';
import { h } from './element';

export function renderConfigList(
  configs: ConfigEntry[],
  trusted: boolean,
  send: (m: { type: 'watch' | 'openConfig'; uri: string }) => void,
): HTMLElement {
  const intro =
    configs.length === 0
      ? h(
          'p',
          { class: 'muted' },
          'No canary config found in this workspace. A canary config is a YAML file with a top-level "canary:" key and a "source:" that says where its metrics come from.',
        )
      : h('p', { class: 'muted' }, 'Pick a canary to watch. Its gates are checked against its source at every poll.');
  return h(
    'section',
    { class: 'configs' },
    h('h3', {}, 'Canary configs in this workspace'),
    intro,
    h(
      'ul',
      { class: 'config-list' },
      ...configs.map((c) => {
        const watch = button(
          c.hasSource ? 'Watch' : 'No source',
          () => send({ type: 'watch', uri: c.uri }),
          !trusted || !c.hasSource,
        );
        const open = button('Open', () => send({ type: 'openConfig', uri: c.uri }), false, true);
        return h(
          'li',
          { class: 'config' },
          h(
            'div',
            { class: 'config-text' },
            h('span', { class: 'config-service' }, c.service ?? '(no service name)'),
            h('span', { class: 'config-label' }, c.label),
            c.hasSource
              ? null
              : h('span', { class: 'config-note' }, 'Add a "source:" (scrape or prometheus) to watch it.'),
          ),
          h('div', { class: 'config-actions' }, watch, open),
        );
      }),
    ),
  );
}

export function button(label: string, onClick: () => void, disabled = false, secondary = false): HTMLElement {
  const b = h('vscode-button', secondary ? { secondary: '' } : {}, label);
  if (disabled) b.setAttribute('disabled', '');
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}
