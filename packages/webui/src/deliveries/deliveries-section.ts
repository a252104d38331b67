/**
 * The Deliveries section at the bottom of the Company Webhooks page: a renderer of the shared DeliveryLog
 * (newest first, 25 at a time with "More Deliveries", "Only Show Failures", new deliveries live at the top),
 * plus expandable details that follow the delivery while open, and (where the host asks) "Download HAR" and
 * "Download NDJSON" links for the current filter.
 */
import { EXPORT_FORMATS, type RelayTransport } from '@hookline/core';
import { DeliveryLog } from '../client/index.js';
import { Disposables, h, replaceChildren, uniqueId } from '../dom.js';
import { errorMessage } from '../errors.js';
import { createComparePanel } from './compare/compare-panel.js';
import { renderDeliveryDetail } from './delivery-detail.js';
import { ArrivalHighlight } from './arrival-highlight.js';
import { DeliveryRow } from './delivery-row.js';
import { RenderPacer } from './render-pacer.js';
import { mountReplayControl } from './replay-control.js';
import { deliveryExportHref } from './export-link.js';

export interface DeliveriesOptions {
  /** Only this hook's deliveries (null or absent: every hook's). */
  hookId?: number | null;
  /**
   * Show the Download links (plain links to the relay's export route, sent with the page's session cookie). The
   * relay's web page turns them on; a host whose page is not served by the relay (a VS Code webview) leaves them off.
   */
  downloads?: boolean;
  /**
   * Changes that follow a redraw within this many ms are drawn together at the end of it (render-pacer.ts); the
   * relay's web page uses 100. Default 0: every change is drawn as it comes.
   */
  redrawIntervalMs?: number;
}

export interface DeliveriesSection {
  setHookId(hookId: number | null): void;
  dispose(): void;
}

const DETAIL_REFRESH_MS = 250;

/** Mount before the transport connects: the log loads on the relay's hello. */
export function mountDeliveries(root: HTMLElement, transport: RelayTransport, options: DeliveriesOptions = {}): DeliveriesSection {
  const disposables = new Disposables();
  const log = new DeliveryLog({ transport, filter: { failuresOnly: false, hookId: options.hookId ?? null, resourceId: null } });
  const rows = new Map<number, DeliveryRow>();
  const refreshTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const highlight = new ArrivalHighlight();
  const titleId = uniqueId('deliveries-title');
  const failuresOnly = h('input', { type: 'checkbox', class: 'hl-checkbox' });
  const search = h('input', {
    type: 'search', class: 'hl-input hl-deliveries__search', inputmode: 'numeric', placeholder: 'Resource id', 'aria-label': 'Find deliveries by resource id',
  });
  const replay = mountReplayControl(transport, () => log.filter);
  const count = h('span', { class: 'hl-deliveries__count', role: 'status' });
  const list = h('ol', { class: 'hl-deliveries__list', 'aria-labelledby': titleId });
  const empty = h('p', { class: 'hl-deliveries__empty', hidden: true });
  const FORMAT_NAMES = { har: 'HAR 1.2, one entry per attempt', ndjson: 'NDJSON, one delivery per line' } as const;
  const downloads = (options.downloads ? EXPORT_FORMATS : []).map((format) => ({
    format,
    link: h('a', {
      class: 'hl-button hl-button--secondary hl-button--small hl-deliveries__download',
      href: deliveryExportHref(log.filter, format),
      download: '',
      title: `Every delivery this filter matches (not only those shown), as ${FORMAT_NAMES[format]}`,
    }, `Download ${format.toUpperCase()}`),
  }));
  const compare = createComparePanel(transport);
  const more = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-deliveries__more', hidden: true }, 'More Deliveries');
  const section = h(
    'section',
    { class: 'hl-deliveries', 'aria-labelledby': titleId },
    h('div', { class: 'hl-deliveries__toolbar' },
      h('h2', { id: titleId, class: 'hl-heading' }, 'Deliveries'),
      h('label', { class: 'hl-check-label' }, failuresOnly, ' Only Show Failures'),
      search,
      replay.element,
      count,
      ...downloads.map((d) => d.link),
    ),
    compare.element,
    replay.note,
    h('div', { class: 'hl-deliveries__head', 'aria-hidden': 'true' },
      ...['Status', 'Resource', 'Event', 'HTTP', 'Duration', 'Time'].map((t) => h('span', {}, t)),
    ),
    list,
    empty,
    more,
  );
  root.appendChild(section);
  let disposed = false;

  const removeRow = (id: number): void => {
    const timer = refreshTimers.get(id);
    if (timer) clearTimeout(timer);
    refreshTimers.delete(id);
    rows.get(id)?.element.remove();
    rows.delete(id);
    compare.forget(id);
  };

  const render = (added: readonly number[] = []): void => {
    const shown = log.visible();
    const keep = new Set(shown.map((d) => d.id));
    for (const id of [...rows.keys()]) if (!keep.has(id)) removeRow(id);
    let previous: Element | null = null;
    for (const delivery of shown) {
      let row = rows.get(delivery.id);
      if (!row) {
        row = new DeliveryRow(delivery.id, (id) => void toggle(id), compare.checkboxFor(delivery.id));
        rows.set(delivery.id, row);
      }
      row.update(delivery);
      const expectedNext: ChildNode | null = previous ? previous.nextSibling : list.firstChild;
      if (expectedNext !== row.element) list.insertBefore(row.element, expectedNext);
      previous = row.element;
    }
    if (highlight.arrived(added.length)) for (const id of added) rows.get(id)?.markNew();
    for (const { format, link } of downloads) link.setAttribute('href', deliveryExportHref(log.filter, format));
    const { failuresOnly: onlyFailures, resourceId } = log.filter;
    replay.update(log.isLoaded && shown.length > 0);
    const status = log.status;
    const what = onlyFailures ? 'failed deliveries' : 'deliveries';
    count.textContent = status.kind === 'error'
      ? `The deliveries could not be loaded: ${status.message}`
      : log.isLoaded ? `${shown.length} ${shown.length === 1 ? what.replace('deliveries', 'delivery') : what} shown` : 'Loading…';
    empty.hidden = !log.isLoaded || shown.length > 0;
    empty.textContent = resourceId !== null
      ? `No ${onlyFailures ? 'failed ' : ''}deliveries about resource ${resourceId}.`
      : onlyFailures ? 'No failed deliveries.' : 'No deliveries yet. Tick a box in the Resource Grid and send a test event.';
    more.hidden = !log.hasMore();
    more.disabled = status.kind === 'loading';
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
      log.merge([delivery]);
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

  /** An open row follows its delivery: its details are fetched again shortly after each change. */
  const scheduleDetailRefresh = (id: number): void => {
    if (!rows.get(id)?.expanded || refreshTimers.has(id)) return;
    refreshTimers.set(id, setTimeout(() => {
      refreshTimers.delete(id);
      void showDetail(id);
    }, DETAIL_REFRESH_MS));
  };

  async function loadMore(): Promise<void> {
    const before = new Set(log.visible().map((d) => d.id));
    await log.loadMore();
    if (disposed) return;
    pacer.flush(); // what the click asked for is drawn now, not at the end of a flood's interval
    // When the button disappears, keyboard focus moves to the first row it brought in.
    const firstNew = log.visible().find((d) => !before.has(d.id));
    if (document.activeElement === more && !log.hasMore() && firstNew) rows.get(firstNew.id)?.focus();
  }

  const pacer = new RenderPacer(render, { intervalMs: options.redrawIntervalMs ?? 0 });
  disposables.add(log.onChange(({ added }) => pacer.changed(added)));
  disposables.add(() => pacer.dispose());
  disposables.add(log.onDeliveriesChanged((deliveries) => {
    for (const delivery of deliveries) scheduleDetailRefresh(delivery.id);
  }));
  disposables.add(() => log.dispose());
  disposables.add(() => compare.dispose());
  disposables.listen(failuresOnly, 'change', () => void log.setFilter({ failuresOnly: failuresOnly.checked }));
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const applySearch = (): void => {
    const text = search.value.trim();
    const valid = text === '' || /^[0-9]{1,20}$/.test(text);
    search.setAttribute('aria-invalid', String(!valid));
    search.title = valid ? '' : 'A resource id is digits only, e.g. 54321';
    if (valid) void log.setFilter({ resourceId: text === '' ? null : text });
  };
  disposables.listen(search, 'input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applySearch, 250);
  });
  disposables.listen(search, 'change', applySearch);
  disposables.add(() => clearTimeout(searchTimer));
  disposables.add(() => replay.dispose());
  disposables.listen(more, 'click', () => {
    if (log.status.kind !== 'loading' && log.hasMore()) void loadMore();
  });
  render();

  return {
    setHookId: (hookId) => void log.setFilter({ hookId }),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const id of [...rows.keys()]) removeRow(id);
      disposables.dispose();
      section.remove();
    },
  };
}
