/** The Download links of the Deliveries section: the export route with the current filter, on the page only. */
import assert from 'node:assert/strict';
import type { DeliverySummary } from '@hookline/core';
import { mountDeliveries } from '../src/deliveries/deliveries-section.js';
import { deliveryExportHref } from '../src/deliveries/export-link.js';
import { useDomRoot, tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

const NONE: DeliverySummary[] = [];

describe('Deliveries Download links (DOM)', () => {
  const fixture = useDomRoot();

  const links = (): Record<string, string> =>
    Object.fromEntries([...fixture.root.querySelectorAll<HTMLAnchorElement>('a.hl-deliveries__download')].map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));

  it('point at the export route with the current filter, and follow it', async () => {
    const transport = new FakeTransport().handle('deliveries.list', () => ({ data: NONE, nextCursor: null }));
    const section = mountDeliveries(fixture.root, transport, { hookId: 3, downloads: true });
    transport.hello();
    await tick(5);
    assert.deepEqual(links(), {
      'Download HAR': '/api/deliveries/export?format=har&hook_id=3',
      'Download NDJSON': '/api/deliveries/export?format=ndjson&hook_id=3',
    });
    assert.ok([...fixture.root.querySelectorAll('a.hl-deliveries__download')].every((a) => a.hasAttribute('download')));
    (fixture.root.querySelector('.hl-deliveries__toolbar input[type="checkbox"]') as HTMLInputElement).click();
    await tick(5);
    assert.equal(links()['Download HAR'], '/api/deliveries/export?format=har&hook_id=3&status=failures');
    section.setHookId(null);
    await tick(5);
    assert.equal(links()['Download NDJSON'], '/api/deliveries/export?format=ndjson&status=failures');
  });

  it('are not there unless the host asks for them (the VS Code webview does not)', async () => {
    const transport = new FakeTransport().handle('deliveries.list', () => ({ data: NONE, nextCursor: null }));
    mountDeliveries(fixture.root, transport, { hookId: 1 });
    transport.hello();
    await tick(5);
    assert.deepEqual(links(), {});
  });

  it('deliveryExportHref: every filter as the route names it', () => {
    assert.equal(deliveryExportHref({ hookId: null, failuresOnly: false, resourceId: null }, 'har'), '/api/deliveries/export?format=har');
    assert.equal(deliveryExportHref({ hookId: 3, failuresOnly: true, resourceId: '54321' }, 'ndjson'), '/api/deliveries/export?format=ndjson&hook_id=3&status=failures&resource_id=54321');
  });
});
