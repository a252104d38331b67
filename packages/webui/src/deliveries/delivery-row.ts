/** One line of the Deliveries log: a button that expands the delivery's details below it (after an optional lead, e.g. the Compare checkbox). */
import type { DeliverySummary } from '@hookline/core';
import { h, replaceChildren, uniqueId } from '../dom.js';
import { STATUS_ICONS, STATUS_LABELS, describeDelivery, formatDuration, formatHttpStatus, formatTime } from './format.js';

export class DeliveryRow {
  readonly element: HTMLLIElement;
  readonly detail: HTMLElement;
  private readonly button: HTMLButtonElement;

  constructor(readonly id: number, onToggle: (id: number) => void, lead?: HTMLElement) {
    const detailId = uniqueId('delivery');
    this.button = h('button', { type: 'button', class: 'hl-delivery__row', 'aria-expanded': 'false', 'aria-controls': detailId });
    this.detail = h('div', { id: detailId, class: 'hl-delivery__detail', role: 'region', 'aria-label': `Delivery ${id} details`, hidden: true });
    this.element = h('li', { class: 'hl-delivery', 'data-id': String(id) }, lead, this.button, this.detail);
    this.button.addEventListener('click', () => onToggle(id));
  }

  /** The delivery this row last drew: a render that brings the same one again touches no DOM. */
  private shown: DeliverySummary | null = null;

  update(delivery: DeliverySummary): void {
    if (delivery === this.shown) return;
    this.shown = delivery;
    this.element.dataset.status = delivery.status;
    this.button.setAttribute('aria-label', describeDelivery(delivery));
    replaceChildren(
      this.button,
      h('span', { class: `hl-status hl-status--${delivery.status}` }, h('span', { 'aria-hidden': 'true' }, STATUS_ICONS[delivery.status]), ` ${STATUS_LABELS[delivery.status]}`),
      h('span', { class: 'hl-delivery__resource' }, delivery.resourceName),
      h('span', { class: 'hl-delivery__event' }, delivery.eventType),
      h('span', { class: 'hl-delivery__http' }, formatHttpStatus(delivery)),
      h('span', { class: 'hl-delivery__duration' }, formatDuration(delivery.lastDurationMs)),
      h('time', { class: 'hl-delivery__time', datetime: delivery.createdAt }, formatTime(delivery.createdAt)),
    );
  }

  get expanded(): boolean {
    return this.button.getAttribute('aria-expanded') === 'true';
  }

  setExpanded(expanded: boolean): void {
    this.button.setAttribute('aria-expanded', String(expanded));
    this.detail.hidden = !expanded;
    this.element.classList.toggle('hl-delivery--open', expanded);
  }

  markNew(): void {
    this.element.classList.add('hl-delivery--new');
    setTimeout(() => this.element.classList.remove('hl-delivery--new'), 2000);
  }

  focus(): void {
    this.button.focus();
  }
}
