/** A tiny element builder: enough to keep view code declarative without a framework. */

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * h('button', { type: 'button', class: 'x', 'aria-label': '…' }, 'text'). Boolean `true` sets an empty
 * attribute, `false`/null/undefined leaves it out. Event handlers are attached by the caller.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

let nextId = 0;
/** A document-unique id for label/aria wiring (several mounts may share a document). */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `hl-${prefix}-${nextId}`;
}

/** Collects listeners and cleanups so a component's dispose() undoes everything it set up. */
export class Disposables {
  private readonly items: (() => void)[] = [];

  add(dispose: () => void): void {
    this.items.push(dispose);
  }

  listen<K extends keyof HTMLElementEventMap>(
    target: HTMLElement | Document | Window,
    type: K,
    listener: (event: HTMLElementEventMap[K]) => void,
  ): void {
    target.addEventListener(type, listener as EventListener);
    this.items.push(() => target.removeEventListener(type, listener as EventListener));
  }

  dispose(): void {
    while (this.items.length > 0) {
      try {
        this.items.pop()?.();
      } catch {
        // one failing cleanup must not keep the others from running
      }
    }
  }
}
