/**
 * The Deliveries section at the bottom of the Company Webhooks page: newest first, 25 at a time with "More
 * Deliveries", "Only Show Failures", expandable details, and new deliveries appearing live at the top.
 */
import type { ConnectionState, PushMessage, RelayTransport } from '@hookline/core';
import { Disposables, h, replaceChildren, uniqueId } from '../dom.js';
import { errorMessage } from '../errors.js';
import { DeliveriesModel, PAGE_SIZE } from './deliveries-model.js';
import { renderDeliveryDetail } from './delivery-detail.js';
import { DeliveryRow } from './delivery-row.js';

export interface DeliveriesOptions {
  /** Only this hook's deliveries (null or absent: every hook's). */
  hookId?: number | null;
}

export interface DeliveriesSection {
  setHookId(hookId: number | null): void;
  dispose(): void;
}

const BACKLOG_ROUNDS = 20;
const DETAIL_REFRESH_MS = 250;

export function mountDeliveries(root: HTMLElement, transport: RelayTransport, options: DeliveriesOptions = {}): DeliveriesSection {
  const disposables = new Disposables();
  const model = new DeliveriesModel({ failuresOnly: false, hookId: options.hookId ?? null });
  const rows = new Map<number, DeliveryRow>();
  const refreshTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const titleId = uniqueId('deliveries-title');
  const failuresOnly = h('input', { type: 'checkbox', class: 'hl-checkbox' });
  const count = h('span', { class: 'hl-deliveries__count', role: 'status' });
  const list = h('ol', { class: 'hl-deliveries__list', 'aria-labelledby': titleId });
  const empty = h('p', { class: 'hl-deliveries__empty', hidden: true });
  const more = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-deliveries__more', hidden: true }, 'More Deliveries');
  const section = h(
    'section',
    { class: 'hl-deliveries', 'aria-labelledby': titleId },
    h('div', { class: 'hl-deliveries__toolbar' },
      h('h2', { id: titleId, class: 'hl-heading' }, 'Deliveries'),
      h('label', { class: 'hl-check-label' }, failuresOnly, ' Only Show Failures'),
      count,
    ),
    h('div', { class: 'hl-deliveries__head', 'aria-hidden': 'true' },
      ...['Status', 'Resource', 'Event', 'HTTP', 'Duration', 'Time'].map((t) => h('span', {}, t)),
    ),
    list,
    empty,
    more,
  );
  root.appendChild(section);

  let disposed = false;
  let generation = 0;
  let loading = false;
  let wasDisconnected = false;

  const render = (added: readonly number[] = []): void => {
    let previous: Element | null = null;
    for (const delivery of model.deliveries) {
      let row = rows.get(delivery.id);
      if (!row) {
        row = new DeliveryRow(delivery.id, (id) => void toggle(id));
        rows.set(delivery.id, row);
      }
      row.update(delivery);
      const expectedNext: ChildNode | null = previous ? previous.nextSibling : list.firstChild;
      if (expectedNext !== row.element) list.insertBefore(row.element, expectedNext);
      previous = row.element;
    }
    for (const id of added) if (model.loaded && rows.get(id) && !loading) rows.get(id)?.markNew();
    const shown = model.deliveries.length;
    const what = model.filter.failuresOnly ? 'failed deliveries' : 'deliveries';
    count.textContent = model.loaded ? `${shown} ${shown === 1 ? what.replace('deliveries', 'delivery') : what} shown` : 'Loading…';
    empty.hidden = !model.loaded || shown > 0;
    empty.textContent = model.filter.failuresOnly
      ? 'No failed deliveries.'
      : 'No deliveries yet. Tick a box in the Resource Grid and send a test event.';
    more.hidden = !model.hasMore;
    more.disabled = loading;
  };

  const clearRows = (): void => {
    for (const timer of refreshTimers.values()) clearTimeout(timer);
    refreshTimers.clear();
    rows.clear();
    replaceChildren(list);
  };

  async function loadPage(): Promise<void> {
    const mine = generation;
    const filter = model.filter;
    loading = true;
    render();
    try {
      const page = await transport.request('deliveries.list', {
        limit: PAGE_SIZE,
        ...(model.nextCursor ? { cursor: model.nextCursor } : {}),
        ...(filter.failuresOnly ? { status: 'failures' as const } : {}),
        ...(filter.hookId !== null ? { hookId: filter.hookId } : {}),
      });
      if (disposed || mine !== generation) return;
      const firstNew = page.data.find((d) => !rows.has(d.id));
      loading = false;
      model.addPage(page);
      render();
      // When the button disappears, keyboard focus moves to the first row it brought in.
      if (document.activeElement === more && !model.hasMore && firstNew) rows.get(firstNew.id)?.focus();
    } catch (error) {
      if (disposed || mine !== generation) return;
      loading = false;
      render();
      count.textContent = `The deliveries could not be loaded: ${errorMessage(error)}`;
    }
  }

  const restart = (): void => {
    generation += 1;
    model.reset({ failuresOnly: failuresOnly.checked, hookId: model.filter.hookId });
    clearRows();
    void loadPage();
  };

  async function showDetail(id: number): Promise<void> {
    const row = rows.get(id);
    if (!row) return;
    if (!row.detail.firstChild) row.detail.textContent = 'Loading…';
    try {
      const { delivery } = await transport.request('delivery.get', { deliveryId: id });
      if (disposed || !row.expanded) return;
      replaceChildren(row.detail, renderDeliveryDetail(delivery, { onRedeliver: () => void redeliver(id) }));
    } catch (error) {
      if (!disposed) row.detail.textContent = `The delivery could not be loaded: ${errorMessage(error)}`;
    }
  }

  async function redeliver(id: number): Promise<void> {
    try {
      const { delivery } = await transport.request('delivery.redeliver', { deliveryId: id });
      model.upsert([delivery]);
      render();
      void showDetail(id);
    } catch (error) {
      const row = rows.get(id);
      if (row) row.detail.prepend(h('p', { class: 'hl-note hl-note--error', role: 'alert' }, `Redelivery failed: ${errorMessage(error)}`));
    }
  }

  async function toggle(id: number): Promise<void> {
    const row = rows.get(id);
    if (!row) return;
    row.setExpanded(!row.expanded);
    if (row.expanded) await showDetail(id);
  }

  const scheduleDetailRefresh = (id: number): void => {
    if (!rows.get(id)?.expanded || refreshTimers.has(id)) return;
    refreshTimers.set(id, setTimeout(() => {
      refreshTimers.delete(id);
      void showDetail(id);
    }, DETAIL_REFRESH_MS));
  };

  const onPush = (message: PushMessage): void => {
    if (message.type === 'hello') {
      if (model.lastSeq === 0) model.noteSeq(message.lastSeq);
      return;
    }
    if (message.type !== 'delivery.created' && message.type !== 'delivery.updated') return;
    const { added, changed } = model.upsert(message.deliveries);
    if (added.length === 0 && changed.length === 0) return;
    render(added);
    for (const id of changed) scheduleDetailRefresh(id);
  };

  /** What changed while the connection was down, in pages of changes. */
  async function catchUp(): Promise<void> {
    for (let round = 0; round < BACKLOG_ROUNDS && !disposed; round++) {
      const since = model.lastSeq;
      const reply = await transport.request('backlog.get', { since });
      const { added, changed } = model.upsert(reply.deliveries);
      model.noteSeq(reply.lastSeq);
      render(added);
      for (const id of changed) scheduleDetailRefresh(id);
      if (!reply.more) return;
    }
  }

  const onConnection = (state: ConnectionState): void => {
    if (state === 'disconnected') wasDisconnected = true;
    if (state === 'connected' && wasDisconnected) {
      wasDisconnected = false;
      if (model.lastSeq === 0) restart();
      else void catchUp().catch(() => restart());
    }
  };

  disposables.add(transport.onPush(onPush));
  disposables.add(transport.onConnectionState(onConnection));
  disposables.listen(failuresOnly, 'change', restart);
  disposables.listen(more, 'click', () => {
    if (!loading && model.hasMore) void loadPage();
  });
  void loadPage();

  return {
    setHookId: (hookId) => {
      if (hookId === model.filter.hookId) return;
      model.reset({ failuresOnly: failuresOnly.checked, hookId });
      generation += 1;
      clearRows();
      void loadPage();
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      clearRows();
      disposables.dispose();
      section.remove();
    },
  };
}
