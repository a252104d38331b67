import assert from 'node:assert/strict';
import type { DeliverySummary, ReplayParams } from '@hookline/core';
import { mountDeliveries } from '../src/deliveries/deliveries-section.js';
import { useDomRoot, tick } from './support/dom.js';
import { summary } from './support/deliveries.js';
import { FakeTransport } from './support/fake-transport.js';

/** The Deliveries section's search box (resource id) and "Replay these" on a filtered list, on a scripted relay. */
describe('Deliveries: find by resource id, replay what is shown (DOM)', () => {
  const fixture = useDomRoot();

  const all: DeliverySummary[] = [
    summary(4, 4, 'failed', { resourceId: '54321' }),
    summary(3, 3, 'delivered', { resourceId: '777' }),
    summary(2, 2, 'failed', { resourceId: '54321' }),
    summary(1, 1, 'delivered', { resourceId: '54321' }),
  ];
  const matching = (q: { status?: string; resourceId?: string }) =>
    all.filter((d) => (q.status === undefined || q.status === 'any' || (q.status === 'failures' ? d.status === 'failed' : d.status === q.status)) && (q.resourceId === undefined || d.resourceId === q.resourceId));
  const transport = () =>
    new FakeTransport()
      .handle('deliveries.list', (q) => ({ data: matching(q), nextCursor: null }))
      .handle('deliveries.replay', (p: ReplayParams) => {
        const found = [...matching(p)].reverse();
        return { deliveries: p.dryRun ? found : found.map((d, i) => summary(10 + i, 10 + i, 'enqueued', { resourceId: d.resourceId, replayOf: d.id })), dryRun: p.dryRun ?? false };
      });
  const ids = (): string[] => [...fixture.root.querySelectorAll('li.hl-delivery')].map((li) => li.getAttribute('data-id') ?? '');
  const button = (cls: string): HTMLButtonElement => fixture.root.querySelector(`.${cls}`) as HTMLButtonElement;

  it('the search box asks the relay for one resource id, refuses what is not an id, and says when nothing matches', async () => {
    const relay = transport();
    mountDeliveries(fixture.root, relay, { hookId: 1 });
    relay.hello();
    await tick(5);
    assert.deepEqual(ids(), ['4', '3', '2', '1']);
    const search = fixture.root.querySelector('.hl-deliveries__search') as HTMLInputElement;
    search.value = '54321';
    search.dispatchEvent(new Event('change'));
    await tick(5);
    assert.deepEqual(ids(), ['4', '2', '1']);
    assert.deepEqual(relay.requests('deliveries.list').at(-1), { limit: 25, resourceId: '54321', hookId: 1 });
    search.value = 'RFI-9';
    search.dispatchEvent(new Event('change'));
    await tick(5);
    assert.equal(search.getAttribute('aria-invalid'), 'true');
    assert.equal(relay.requests('deliveries.list').length, 2, 'not an id: nothing asked');
    search.value = '999';
    search.dispatchEvent(new Event('change'));
    await tick(5);
    assert.deepEqual(ids(), []);
    assert.equal((fixture.root.querySelector('.hl-deliveries__empty') as HTMLElement).textContent, 'No deliveries about resource 999.');
  });

  it('"Replay these" shows on a filtered list only, asks first (a dry run), then replays exactly the filter', async () => {
    const relay = transport();
    mountDeliveries(fixture.root, relay, { hookId: 1 });
    relay.hello();
    await tick(5);
    const replay = fixture.root.querySelector('.hl-replay') as HTMLElement;
    assert.equal(replay.hidden, true, 'an unfiltered list has no replay');
    const failures = fixture.root.querySelector('input[type=checkbox]') as HTMLInputElement;
    failures.checked = true;
    failures.dispatchEvent(new Event('change'));
    await tick(5);
    assert.equal(replay.hidden, false);
    button('hl-replay__start').click();
    await tick(5);
    assert.deepEqual(relay.requests('deliveries.replay'), [{ status: 'failures', dryRun: true, hookId: 1 }]);
    const confirm = button('hl-replay__confirm');
    assert.equal(confirm.hidden, false);
    assert.equal(confirm.textContent, 'Replay 2 deliveries');
    confirm.click();
    await tick(5);
    assert.deepEqual(relay.requests('deliveries.replay').at(-1), { status: 'failures', dryRun: false, hookId: 1 });
    assert.match((fixture.root.querySelector('.hl-replay__note') as HTMLElement).textContent ?? '', /^Replayed 2 deliveries, oldest first/);
    assert.equal(confirm.hidden, true);
    assert.equal(button('hl-replay__start').hidden, false);
  });
});
