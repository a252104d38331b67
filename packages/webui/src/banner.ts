/**
 * The banner at the top of the page, as in Procore: green when the endpoint was saved (listing any warnings),
 * a warning banner describing the likely problem when it was not.
 */
import { h, replaceChildren } from './dom.js';

export type BannerKind = 'success' | 'warning' | 'error';

export interface BannerContent {
  kind: BannerKind;
  title: string;
  messages?: readonly string[];
}

export class Banner {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor() {
    this.body = h('div', { class: 'hl-banner__body' });
    const close = h('button', { type: 'button', class: 'hl-banner__close', 'aria-label': 'Dismiss message' }, '×');
    close.addEventListener('click', () => this.clear());
    // role=status keeps the element in the accessibility tree so screen readers announce each new message.
    this.element = h('div', { class: 'hl-banner', role: 'status', 'aria-live': 'polite', hidden: true }, this.body, close);
  }

  show(content: BannerContent): void {
    this.element.className = `hl-banner hl-banner--${content.kind}`;
    this.element.setAttribute('role', content.kind === 'success' ? 'status' : 'alert');
    const messages = content.messages ?? [];
    replaceChildren(
      this.body,
      h('strong', { class: 'hl-banner__title' }, content.title),
      messages.length === 1 ? h('p', { class: 'hl-banner__message' }, messages[0]) : null,
      messages.length > 1 ? h('ul', { class: 'hl-banner__list' }, ...messages.map((m) => h('li', {}, m))) : null,
    );
    this.element.hidden = false;
  }

  clear(): void {
    this.element.hidden = true;
    replaceChildren(this.body);
  }

  get visible(): boolean {
    return !this.element.hidden;
  }
}
