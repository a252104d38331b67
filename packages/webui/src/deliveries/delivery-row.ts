/** One line of the Deliveries log: a button that expands the delivery's details below it (after an optional lead, e.g. the Compare checkbox). */
import type { DeliverySummary } from '@hookline/core';
import { h, replaceChildren, uniqueId } from '../dom.js';
import { STATUS_ICONS, STATUS_LABELS, describeDelivery, formatDuration, formatHttpStatus, formatTime } from './format.js';

/** The parts of a row's line that change with its delivery, made once and then rewritten in place. */
interface RowCells {
  status: HTMLElement;
  icon: HTMLElement;
  label: Text;
  resource: HTMLElement;
  event: HTMLElement;
  http: HTMLElement;
  duration: HTMLElement;
  time: HTMLTimeElement;
}

export class DeliveryRow {
  readonly element: HTMLLIElement;
  readonly detail: HTMLElement;
  private readonly button: HTMLButtonElement;
  private cells: RowCells | null = null;

  constructor(readonly id: number, onToggle: (id: number) => void, lead?: HTMLElement) {
    const detailId = uniqueId('delivery');
    this.button = h('button', { type: 'button', class: 'hl-delivery__row', 'aria-expanded': 'false', 'aria-controls': detailId });
    this.detail = h('div', { id: detailId, class: 'hl-delivery__detail', role: 'region', 'aria-label': `Delivery ${id} details`, hidden: true });
    this.element = h('li', { class: 'hl-delivery', 'data-id': String(id) }, lead, this.button, this.detail);
    this.button.addEventListener('click', () => onToggle(id));
  }

  /** The delivery this row last drew: a render that brings the same one again touches no DOM. */
  private shown: DeliverySummary | null = null;

  /**
   * Draws the delivery's line: its cells are made on the first draw and rewritten in place after that, so a
   * delivery whose status changes (under a flood, most of them, within a second) leaves no nodes behind for the
   * page's garbage collector.
   */
  update(delivery: DeliverySummary): void {
    if (delivery === this.shown) return;
    this.shown = delivery;
    this.element.dataset.status = delivery.status;
    this.button.setAttribute('aria-label', describeDelivery(delivery));
    const cells = this.cells ?? (this.cells = this.makeCells());
    cells.status.className = `hl-status hl-status--${delivery.status}`;
    setText(cells.icon, STATUS_ICONS[delivery.status]);
    if (cells.label.data !== ` ${STATUS_LABELS[delivery.status]}`) cells.label.data = ` ${STATUS_LABELS[delivery.status]}`;
    setText(cells.resource, delivery.resourceName);
    setText(cells.event, delivery.eventType);
    setText(cells.http, formatHttpStatus(delivery));
    setText(cells.duration, formatDuration(delivery.lastDurationMs));
    if (cells.time.getAttribute('datetime') !== delivery.createdAt) cells.time.setAttribute('datetime', delivery.createdAt);
    setText(cells.time, formatTime(delivery.createdAt));
  }

  private makeCells(): RowCells {
    const icon = h('span', { 'aria-hidden': 'true' });
    const label = document.createTextNode('');
    const cells: RowCells = {
      status: h('span', { class: 'hl-status' }, icon, label),
      icon,
      label,
      resource: h('span', { class: 'hl-delivery__resource' }),
      event: h('span', { class: 'hl-delivery__event' }),
      http: h('span', { class: 'hl-delivery__http' }),
      duration: h('span', { class: 'hl-delivery__duration' }),
      time: h('time', { class: 'hl-delivery__time' }),
    };
    replaceChildren(this.button, cells.status, cells.resource, cells.event, cells.http, cells.duration, cells.time);
    return cells;
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

/** Only a changed text is written: an unchanged one would still cost a layout. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
