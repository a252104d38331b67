/**
 * Compare two deliveries in the Deliveries log: each row has a Compare checkbox, at most two are ticked (then the
 * others are disabled), and the panel shows the two payloads side by side. Picks outlive their rows (a filter
 * change, a reload): a row that comes back is ticked again.
 */
import type { RelayTransport } from '@hookline/core';
import { h, replaceChildren } from '../../dom.js';
import { errorMessage } from '../../errors.js';
import { renderCompare } from './compare-view.js';

export interface ComparePanel {
  readonly element: HTMLElement;
  /** The row's Compare checkbox (one per delivery, made on first ask). */
  checkboxFor(id: number): HTMLElement;
  /** The row left the list: drop its checkbox (a pick stays). */
  forget(id: number): void;
  dispose(): void;
}

const MAX_PICKS = 2;

export function createComparePanel(transport: Pick<RelayTransport, 'request'>): ComparePanel {
  const picks: number[] = [];
  const boxes = new Map<number, { label: HTMLElement; box: HTMLInputElement }>();
  const body = h('div', { class: 'hl-compare__body' });
  const clear = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-button--small' }, 'Clear Compare');
  const element = h('section', { class: 'hl-compare', 'aria-label': 'Compare deliveries', hidden: true }, h('div', { class: 'hl-compare__bar' }, body, clear));
  let shown = 0;

  const syncBoxes = (): void => {
    const full = picks.length >= MAX_PICKS;
    for (const [id, { box }] of boxes) {
      box.checked = picks.includes(id);
      box.disabled = full && !box.checked;
      box.title = box.disabled ? 'Two deliveries are picked: untick one to pick another.' : 'Pick to compare side by side';
    }
  };

  async function render(): Promise<void> {
    const token = ++shown;
    element.hidden = picks.length === 0;
    if (picks.length === 0) return replaceChildren(body);
    if (picks.length === 1) return replaceChildren(body, h('p', { class: 'hl-compare__hint', role: 'status' }, `Pick one more delivery to compare with #${picks[0]}.`));
    replaceChildren(body, h('p', { class: 'hl-compare__hint', role: 'status' }, 'Loading both payloads…'));
    try {
      const [a, b] = await Promise.all(picks.map((deliveryId) => transport.request('delivery.get', { deliveryId })));
      if (token === shown) replaceChildren(body, ...renderCompare(a!.delivery, b!.delivery));
    } catch (error) {
      if (token === shown) replaceChildren(body, h('p', { class: 'hl-note hl-note--error', role: 'alert' }, `The deliveries could not be compared: ${errorMessage(error)}`));
    }
  }

  const setPicked = (id: number, picked: boolean): void => {
    const at = picks.indexOf(id);
    if (picked && at < 0 && picks.length < MAX_PICKS) picks.push(id);
    if (!picked && at >= 0) picks.splice(at, 1);
    syncBoxes();
    void render();
  };

  const onClear = (): void => {
    picks.length = 0;
    syncBoxes();
    void render();
  };
  clear.addEventListener('click', onClear);

  return {
    element,
    checkboxFor: (id) => {
      const known = boxes.get(id);
      if (known) return known.label;
      const box = h('input', { type: 'checkbox', class: 'hl-checkbox', 'aria-label': `Compare delivery ${id}` });
      box.addEventListener('change', () => setPicked(id, box.checked));
      const label = h('label', { class: 'hl-delivery__pick' }, box);
      boxes.set(id, { label, box });
      syncBoxes();
      return label;
    },
    forget: (id) => {
      boxes.get(id)?.label.remove();
      boxes.delete(id);
    },
    dispose: () => {
      shown += 1;
      clear.removeEventListener('click', onClear);
      boxes.clear();
      element.remove();
    },
  };
}
