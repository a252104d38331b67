/**
 * "Replay these" on a filtered Deliveries list: the first click asks the relay what the filter matches (a dry
 * run) and offers to replay that many; the second sends them again (`deliveries.replay`), oldest first, each a new
 * delivery linked to the one it replays. Two steps instead of a confirm() dialog, which VS Code webviews block.
 */
import type { RelayTransport } from '@hookline/core';
import { isFiltered, replayParamsOf, type DeliveryLogFilter } from '../client/index.js';
import { h } from '../dom.js';
import { errorMessage } from '../errors.js';

export interface ReplayControl {
  element: HTMLElement;
  /** Where the outcome is said (a live region). */
  note: HTMLElement;
  /** Shown only on a filtered list that has rows. */
  update(hasRows: boolean): void;
  dispose(): void;
}

export function mountReplayControl(transport: RelayTransport, filter: () => DeliveryLogFilter): ReplayControl {
  const start = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-replay__start' }, 'Replay these');
  const confirm = h('button', { type: 'button', class: 'hl-button hl-replay__confirm', hidden: true });
  const cancel = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-replay__cancel', hidden: true }, 'Cancel');
  const element = h('span', { class: 'hl-replay' }, start, confirm, cancel);
  const note = h('p', { class: 'hl-note hl-replay__note', role: 'status', hidden: true });
  let pending: DeliveryLogFilter | null = null;
  let disposed = false;

  const say = (text: string, error = false): void => {
    note.hidden = text === '';
    note.textContent = text;
    note.classList.toggle('hl-note--error', error);
  };
  const reset = (): void => {
    pending = null;
    confirm.hidden = true;
    cancel.hidden = true;
    start.hidden = false;
  };

  const onStart = async (): Promise<void> => {
    const asked = filter();
    start.disabled = true;
    try {
      const { deliveries } = await transport.request('deliveries.replay', replayParamsOf(asked, true));
      if (disposed) return;
      if (deliveries.length === 0) {
        say('Nothing matches this filter: nothing to replay.');
        return;
      }
      pending = asked;
      say('');
      confirm.textContent = `Replay ${deliveries.length} ${deliveries.length === 1 ? 'delivery' : 'deliveries'}`;
      start.hidden = true;
      confirm.hidden = false;
      cancel.hidden = false;
      confirm.focus();
    } catch (error) {
      if (!disposed) say(`Replay failed: ${errorMessage(error)}`, true);
    } finally {
      start.disabled = false;
    }
  };

  const onConfirm = async (): Promise<void> => {
    if (pending === null) return;
    const asked = pending;
    confirm.disabled = true;
    try {
      const { deliveries } = await transport.request('deliveries.replay', replayParamsOf(asked, false));
      if (disposed) return;
      say(`Replayed ${deliveries.length} ${deliveries.length === 1 ? 'delivery' : 'deliveries'}, oldest first: they are on top of the list as they are sent.`);
    } catch (error) {
      if (!disposed) say(`Replay failed: ${errorMessage(error)}`, true);
    } finally {
      confirm.disabled = false;
      reset();
    }
  };

  start.addEventListener('click', () => void onStart());
  confirm.addEventListener('click', () => void onConfirm());
  cancel.addEventListener('click', () => {
    reset();
    say('');
  });

  return {
    element,
    note,
    update: (hasRows) => {
      const current = filter();
      const show = isFiltered(current) && hasRows;
      element.hidden = !show;
      if (pending !== null && (!show || JSON.stringify(pending) !== JSON.stringify(current))) reset();
    },
    dispose: () => {
      disposed = true;
    },
  };
}
