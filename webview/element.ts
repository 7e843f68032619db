/**
 * Builds DOM nodes from text only. Every value the panel shows (metric names, label values,
 * service names, error messages) may come from a user's file or a remote endpoint, so nothing is
 * ever assigned to innerHTML: children are nodes or strings turned into text nodes.
 */
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string>,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** Replaces a container's children (text-safe). */
export function fill(container: Element, ...children: Child[]): void {
  container.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}
