/** Two deliveries' payloads side by side (older on the left), each changed line marked by class, never by style. */
import { compareTitle, type DeliveryWithAttempts } from '@hookline/core';
import { h } from '../../dom.js';
import { prettyJson } from '../json-pretty.js';
import { changedRowCount, sideBySide, type Cell } from './side-by-side.js';

const SIGNS: Record<Cell['kind'], string> = { same: '', removed: 'removed: ', added: 'added: ', empty: '' };

function cells(cell: Cell): HTMLElement[] {
  const kind = `hl-compare__cell--${cell.kind}`;
  return [
    h('td', { class: `hl-compare__num ${kind}` }, cell.line === null ? '' : String(cell.line)),
    h('td', { class: `hl-compare__text ${kind}` }, SIGNS[cell.kind] ? h('span', { class: 'hl-visually-hidden' }, SIGNS[cell.kind]) : null, cell.text),
  ];
}

function heading(delivery: DeliveryWithAttempts): string {
  return `#${delivery.id} · ${delivery.resourceName} ${delivery.resourceId} · ${delivery.eventType}`;
}

export function renderCompare(a: DeliveryWithAttempts, b: DeliveryWithAttempts): HTMLElement[] {
  const [left, right] = a.id < b.id ? [a, b] : [b, a];
  const rows = sideBySide(prettyJson(left.payload).text, prettyJson(right.payload).text);
  const changed = changedRowCount(rows);
  const table = h(
    'table',
    { class: 'hl-compare__table' },
    h('caption', { class: 'hl-visually-hidden' }, `Request payloads of deliveries ${left.id} and ${right.id}, side by side`),
    h('colgroup', {}, ...['num', 'text', 'num', 'text'].map((kind) => h('col', { class: `hl-compare__col-${kind}` }))),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', colspan: 2, class: 'hl-compare__side' }, heading(left)),
      h('th', { scope: 'col', colspan: 2, class: 'hl-compare__side' }, heading(right)),
    )),
    h('tbody', {}, ...rows.map((row) => h('tr', { class: row.left.kind === 'same' ? 'hl-compare__row' : 'hl-compare__row hl-compare__row--changed' }, ...cells(row.left), ...cells(row.right)))),
  );
  return [
    h('h3', { class: 'hl-compare__title' }, compareTitle(left, right)),
    h('p', { class: 'hl-compare__summary', role: 'status' }, changed === 0 ? 'The payloads are the same.' : `${changed} ${changed === 1 ? 'line differs' : 'lines differ'}: removed on the left, added on the right.`),
    h('div', { class: 'hl-compare__scroll', tabindex: 0 }, table),
  ];
}
