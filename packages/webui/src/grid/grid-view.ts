/**
 * The Resource Grid's DOM: one row per resource (built once, hidden when filtered out), grouped by scope,
 * real checkboxes with labels, a tri-state "All" box per column and a test-event button per row.
 */
import type { EventType, ResourceDefinition, Scope } from '@hookline/core';
import { h, uniqueId } from '../dom.js';
import { EVENT_COLUMNS, SCOPES, flattenGroups } from './grid-model.js';
import type { GridModel } from './grid-model.js';

export interface GridViewCallbacks {
  onToggle(resourceName: string, eventType: EventType, checked: boolean): void;
  onColumn(eventType: EventType, on: boolean): void;
  onTest(resourceName: string): void;
  onSearch(text: string): void;
  onScroll(scrollTop: number): void;
}

const COLUMN_LABELS: Record<EventType, string> = { create: 'Create', update: 'Update', delete: 'Delete' };
const SCOPE_LABELS: Record<Scope, string> = { company: 'Company resources', project: 'Project resources' };

interface RowParts {
  row: HTMLTableRowElement;
  boxes: Record<EventType, HTMLInputElement>;
  test: HTMLButtonElement;
}

export class GridView {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly status: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly rows = new Map<string, RowParts>();
  private readonly groupHeads = new Map<Scope, HTMLTableRowElement>();
  private readonly columnBoxes = {} as Record<EventType, HTMLInputElement>;
  private enabled = true;

  constructor(resources: readonly ResourceDefinition[], private readonly callbacks: GridViewCallbacks, initialSearch: string) {
    const titleId = uniqueId('grid-title');
    const searchId = uniqueId('grid-search');
    this.search = h('input', { id: searchId, type: 'search', class: 'hl-input hl-grid__search', placeholder: 'Filter by name, e.g. RFIs', autocomplete: 'off', spellcheck: false });
    this.search.value = initialSearch;
    this.count = h('span', { class: 'hl-grid__count', 'aria-live': 'polite' });
    this.status = h('p', { class: 'hl-grid__status', role: 'status', 'aria-live': 'polite' });
    this.empty = h('p', { class: 'hl-grid__empty', hidden: true });

    const head = h('tr', {}, h('th', { scope: 'col', class: 'hl-grid__name-col' }, 'Resource'));
    for (const eventType of EVENT_COLUMNS) {
      const box = h('input', { type: 'checkbox', class: 'hl-checkbox', 'data-column': eventType, 'aria-label': `Select all ${COLUMN_LABELS[eventType]} boxes in view` });
      this.columnBoxes[eventType] = box;
      head.appendChild(h('th', { scope: 'col', class: 'hl-grid__event-col' }, h('span', { class: 'hl-grid__col-title' }, COLUMN_LABELS[eventType]), h('label', { class: 'hl-grid__all' }, box, h('span', {}, 'All'))));
    }
    head.appendChild(h('th', { scope: 'col', class: 'hl-grid__test-col' }, 'Test event'));

    const bodies = SCOPES.map((scope) => this.buildGroup(scope, resources.filter((r) => r.scope === scope)));
    const table = h('table', { class: 'hl-grid__table', 'aria-labelledby': titleId }, h('thead', {}, head), ...bodies);
    this.scroller = h('div', { class: 'hl-grid__scroller' }, table, this.empty);

    this.element = h(
      'section',
      { class: 'hl-grid', 'aria-labelledby': titleId },
      h('div', { class: 'hl-grid__toolbar' },
        h('h2', { id: titleId, class: 'hl-heading' }, 'Resource Grid'),
        h('label', { for: searchId, class: 'hl-grid__search-label' }, 'Search resources'),
        this.search,
        this.count,
      ),
      h('p', { class: 'hl-hint' }, 'Tick Create, Update or Delete for the resources you want notifications for. Each change takes effect at once.'),
      this.status,
      this.scroller,
    );

    this.search.addEventListener('input', () => callbacks.onSearch(this.search.value));
    this.scroller.addEventListener('scroll', () => callbacks.onScroll(this.scroller.scrollTop), { passive: true });
    table.addEventListener('change', (event) => this.onChange(event));
    table.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-test]');
      if (button && !button.disabled) callbacks.onTest(button.dataset.test ?? '');
    });
  }

  /** Shows `model` filtered by `search`; only changed attributes are touched, so focus and scroll survive. */
  render(model: GridModel, search: string): void {
    const groups = model.filter(search);
    const visible = new Set(flattenGroups(groups).map((r) => r.name));
    for (const [name, parts] of this.rows) {
      parts.row.hidden = !visible.has(name);
      for (const eventType of EVENT_COLUMNS) {
        const cell = model.cell(name, eventType);
        const box = parts.boxes[eventType];
        if (box.checked !== cell.checked) box.checked = cell.checked;
        box.disabled = !cell.offered || !this.enabled;
        box.closest('td')?.classList.toggle('hl-grid__cell--pending', cell.pending);
        box.setAttribute('aria-busy', String(cell.pending));
      }
      const testType = model.testEventType(name);
      parts.test.disabled = !this.enabled || testType === undefined;
      parts.test.textContent = testType ? `Test ${testType}` : 'Test';
      parts.test.setAttribute('aria-label', `Send a test ${testType ?? ''} event for ${name}`);
    }
    for (const [scope, row] of this.groupHeads) row.hidden = !groups.some((g) => g.scope === scope);

    const rows = flattenGroups(groups);
    for (const eventType of EVENT_COLUMNS) {
      const state = model.columnState(eventType, rows);
      const box = this.columnBoxes[eventType];
      box.checked = state === 'all';
      box.indeterminate = state === 'mixed';
      box.disabled = state === 'unavailable' || !this.enabled;
    }
    const total = model.resources.length;
    this.count.textContent = rows.length === total ? `${total} resources` : `${rows.length} of ${total} resources`;
    this.empty.hidden = rows.length > 0;
    this.empty.textContent = rows.length > 0 ? '' : `No resource matches "${search.trim()}".`;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
  }

  setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
    this.status.textContent = text;
    this.status.classList.toggle('hl-grid__status--error', kind === 'error');
  }

  get scrollTop(): number {
    return this.scroller.scrollTop;
  }

  set scrollTop(value: number) {
    this.scroller.scrollTop = value;
  }

  private buildGroup(scope: Scope, resources: readonly ResourceDefinition[]): HTMLTableSectionElement {
    const headRow = h('tr', { class: 'hl-grid__group' }, h('th', { scope: 'colgroup', colspan: EVENT_COLUMNS.length + 2 }, SCOPE_LABELS[scope]));
    this.groupHeads.set(scope, headRow);
    const body = h('tbody', { 'data-scope': scope }, headRow);
    for (const resource of resources) body.appendChild(this.buildRow(resource));
    return body;
  }

  private buildRow(resource: ResourceDefinition): HTMLTableRowElement {
    const nameId = uniqueId('res');
    const boxes = {} as Record<EventType, HTMLInputElement>;
    const row = h('tr', { 'data-resource': resource.name }, h('th', { scope: 'row', id: nameId, class: 'hl-grid__name' }, resource.name));
    for (const eventType of EVENT_COLUMNS) {
      const offered = resource.eventTypes.includes(eventType);
      const box = h('input', {
        type: 'checkbox',
        class: 'hl-checkbox',
        'data-resource': resource.name,
        'data-event': eventType,
        'aria-label': `${COLUMN_LABELS[eventType]} ${resource.name}`,
        title: offered ? `${COLUMN_LABELS[eventType]} ${resource.name}` : `${resource.name} has no ${eventType} event`,
        disabled: !offered,
      });
      boxes[eventType] = box;
      row.appendChild(h('td', { class: offered ? 'hl-grid__cell' : 'hl-grid__cell hl-grid__cell--unavailable' }, box));
    }
    const test = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-button--small', 'data-test': resource.name }, 'Test');
    row.appendChild(h('td', { class: 'hl-grid__test' }, test));
    this.rows.set(resource.name, { row, boxes, test });
    return row;
  }

  private onChange(event: Event): void {
    const box = event.target as HTMLInputElement;
    if (box.dataset.column) {
      // The "All" box's own checked state is recomputed by render(); what counts is the intent.
      const eventType = box.dataset.column as EventType;
      this.callbacks.onColumn(eventType, box.checked);
      return;
    }
    const { resource, event: eventType } = box.dataset;
    if (resource && eventType) this.callbacks.onToggle(resource, eventType as EventType, box.checked);
  }
}
