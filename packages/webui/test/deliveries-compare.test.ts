import assert from 'node:assert/strict';
import type { DeliveryWithAttempts } from '@hookline/core';
import { sideBySide } from '../src/deliveries/compare/side-by-side.js';
import { mountDeliveries } from '../src/deliveries/deliveries-section.js';
import { summary } from './support/deliveries.js';
import { installDom, tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

const PAYLOADS: Record<number, string> = {
  1: '{"id":5982324300946918154,"event_type":"create","user_id":111,"resource_name":"RFIs","resource_id":54321}',
  2: '{"id":5982324300946918155,"event_type":"update","user_id":111,"resource_name":"RFIs","resource_id":54321}',
  3: '{"id":5982324300946918156,"event_type":"update","user_id":222,"resource_name":"RFIs","resource_id":777,"extra":true}',
};

describe('sideBySide', () => {
  it('faces equal lines, pairs a replaced run with its replacement, and blanks the rest', () => {
    const rows = sideBySide('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\nf');
    const kinds = rows.map((r) => `${r.left.kind}/${r.right.kind}`);
    assert.deepEqual(kinds, ['same/same', 'removed/added', 'same/same', 'same/same', 'empty/added', 'empty/added']);
    assert.deepEqual(rows.map((r) => [r.left.line, r.right.line]), [[1, 1], [2, 2], [3, 3], [4, 4], [null, 5], [null, 6]]);
    assert.deepEqual([rows[1]!.left.text, rows[1]!.right.text], ['b', 'B']);
    const removedOnly = sideBySide('a\nb\nc\n', 'a\nc\n');
    assert.deepEqual(removedOnly.map((r) => `${r.left.kind}:${r.left.text}/${r.right.kind}:${r.right.text}`), ['same:a/same:a', 'removed:b/empty:', 'same:c/same:c']);
    assert.ok(sideBySide('x\n', 'x').every((r) => r.left.kind === 'same'), 'a missing final newline is no change');
  });
});

describe('Deliveries: compare two rows (DOM)', () => {
  let dom: ReturnType<typeof installDom>;
  let root: HTMLElement;
  let transport: FakeTransport;
  beforeEach(async () => {
    dom = installDom();
    root = document.createElement('div');
    document.body.appendChild(root);
    transport = new FakeTransport()
      .handle('deliveries.list', () => ({ data: [3, 2, 1].map((id) => summary(id, id, 'delivered', { resourceId: id === 3 ? '777' : '54321' })), nextCursor: null }))
      .handle('delivery.get', ({ deliveryId }) => {
        const delivery: DeliveryWithAttempts = { ...summary(deliveryId, deliveryId, 'delivered', { resourceId: deliveryId === 3 ? '777' : '54321' }), payload: PAYLOADS[deliveryId]!, attempts: [] };
        return { delivery };
      });
    mountDeliveries(root, transport, { hookId: 1 });
    transport.hello();
    await tick(5);
  });
  afterEach(() => dom.uninstall());

  const box = (id: number): HTMLInputElement => root.querySelector(`li.hl-delivery[data-id="${id}"] input[type="checkbox"]`) as HTMLInputElement;
  const panel = (): HTMLElement => root.querySelector('.hl-compare') as HTMLElement;
  const cellTexts = (row: Element): string[] => [...row.querySelectorAll('td.hl-compare__text')].map((td) => td.textContent ?? '');

  it('picks two rows with their Compare boxes and shows the payloads side by side, older left, changed lines marked', async () => {
    assert.equal(panel().hidden, true, 'no panel before a pick');
    box(2).click();
    await tick(5);
    assert.equal(panel().hidden, false);
    assert.match(panel().textContent ?? '', /Pick one more delivery to compare with #2\./);
    assert.equal(box(1).disabled, false);

    box(1).click();
    await tick(5);
    assert.deepEqual(transport.requests('delivery.get'), [{ deliveryId: 2 }, { deliveryId: 1 }]);
    assert.equal(box(3).disabled, true, 'at most two: the third box is disabled');
    assert.equal(panel().querySelector('.hl-compare__title')?.textContent, 'RFIs 54321: #1 ↔ #2');
    const heads = [...panel().querySelectorAll('th')].map((th) => th.textContent);
    assert.deepEqual(heads, ['#1 · RFIs 54321 · update', '#2 · RFIs 54321 · update']);

    const changed = [...panel().querySelectorAll('tr.hl-compare__row--changed')];
    assert.deepEqual(changed.map(cellTexts), [
      ['removed:   "id": 5982324300946918154,', 'added:   "id": 5982324300946918155,'],
      ['removed:   "event_type": "create",', 'added:   "event_type": "update",'],
    ]);
    for (const row of changed) {
      const [left, right] = [...row.querySelectorAll('td.hl-compare__text')];
      assert.ok(left!.classList.contains('hl-compare__cell--removed') && right!.classList.contains('hl-compare__cell--added'));
    }
    const same = [...panel().querySelectorAll('tr.hl-compare__row:not(.hl-compare__row--changed)')].map(cellTexts);
    assert.ok(same.some(([l, r]) => l === '  "user_id": 111,' && r === l), 'an equal field is shown unmarked on both sides');
    assert.equal(panel().querySelectorAll('.hl-compare__cell--same').length, same.length * 4);
    assert.match(panel().querySelector('.hl-compare__summary')?.textContent ?? '', /^2 lines differ/);
    assert.equal(panel().querySelector('[style]'), null, 'classes only: the page\'s CSP refuses inline styles');
  });

  it('marks a field only one side has against a blank; unticking frees the others; Clear Compare closes it', async () => {
    box(3).click();
    box(2).click();
    await tick(5);
    assert.equal(panel().querySelector('.hl-compare__title')?.textContent, 'RFIs 54321 #2 ↔ RFIs 777 #3');
    const rows = [...panel().querySelectorAll('tr.hl-compare__row--changed')];
    const extra = rows.find((row) => cellTexts(row)[1] === 'added:   "extra": true');
    assert.ok(extra, rows.map((r) => cellTexts(r).join(' | ')).join('\n'));
    assert.ok(extra.querySelector('td.hl-compare__text')!.classList.contains('hl-compare__cell--empty'), 'the left side is blank');
    assert.ok(cellTexts(rows.find((row) => cellTexts(row)[0]!.includes('resource_id'))!)[1]!.includes('"resource_id": 777,'));

    box(3).click();
    await tick(5);
    assert.equal(box(1).disabled, false, 'one pick left: the others can be picked again');
    assert.match(panel().textContent ?? '', /Pick one more delivery to compare with #2\./);
    const clear = [...panel().querySelectorAll('button')].find((b) => b.textContent === 'Clear Compare')!;
    clear.click();
    await tick(5);
    assert.equal(panel().hidden, true);
    assert.ok([1, 2, 3].every((id) => !box(id).checked && !box(id).disabled));
  });
});
