import assert from 'node:assert/strict';
import type { PublicHook, ResourceDefinition, TriggerGrid } from '@hookline/core';
import { mountCompanyWebhooks } from '../src/company-webhooks.js';
import { useDomRoot, tick } from './support/dom.js';
import { FakeTransport } from './support/fake-transport.js';

const RESOURCES: ResourceDefinition[] = [
  { name: 'Bids', scope: 'company', eventTypes: ['update'] },
  { name: 'Change Types', scope: 'company', eventTypes: ['create', 'update', 'delete'] },
  { name: 'RFIs', scope: 'project', eventTypes: ['create', 'update', 'delete'] },
  { name: 'Change Events', scope: 'project', eventTypes: ['create', 'update', 'delete'] },
];

function hook(id: number, patch: Partial<PublicHook> = {}): PublicHook {
  return {
    id, namespace: id === 1 ? 'hookline' : `other-${id}`, destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active',
    companyId: '1', projectId: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...patch,
  };
}

function relay(grid: TriggerGrid = {}, hooks = [hook(1)]): FakeTransport {
  const current: TriggerGrid = { ...grid };
  return new FakeTransport()
    .handle('resources.list', () => ({ resources: RESOURCES }))
    .handle('hooks.list', () => ({ hooks }))
    .handle('triggers.get', ({ hookId }) => ({ hookId, grid: current }))
    .handle('trigger.set', (p) => {
      const on = new Set(current[p.resourceName] ?? []);
      for (const t of ['create', 'update', 'delete'] as const) {
        if (p[t] === true) on.add(t);
        if (p[t] === false) on.delete(t);
      }
      current[p.resourceName] = [...on];
      return { hookId: p.hookId, resourceName: p.resourceName, eventTypes: [...on] };
    });
}

describe('mountCompanyWebhooks (DOM)', () => {
  const fixture = useDomRoot();

  const box = (resource: string, eventType: string): HTMLInputElement =>
    fixture.root.querySelector(`input[data-resource="${resource}"][data-event="${eventType}"]`) as HTMLInputElement;
  const click = async (element: HTMLElement): Promise<void> => {
    element.click();
    await tick(5);
  };
  const text = (selector: string): string => fixture.root.querySelector(selector)?.textContent ?? '';

  it('renders the grid grouped by scope with unavailable boxes disabled, and no picker for one hook', async () => {
    mountCompanyWebhooks(fixture.root, relay({ RFIs: ['update'] }));
    await tick(5);
    assert.equal(fixture.root.querySelectorAll('tbody tr[data-resource]').length, 4);
    assert.deepEqual([...fixture.root.querySelectorAll('tbody')].map((b) => b.getAttribute('data-scope')), ['company', 'project']);
    assert.equal(box('Bids', 'create').disabled, true);
    assert.equal(box('Bids', 'update').disabled, false);
    assert.equal(box('RFIs', 'update').checked, true);
    assert.equal((fixture.root.querySelector('.hl-hook-picker') as HTMLElement).hidden, true);
  });

  it('sends each toggle at once and shows the confirmation', async () => {
    const transport = relay();
    mountCompanyWebhooks(fixture.root, transport);
    await tick(5);
    await click(box('RFIs', 'create'));
    assert.deepEqual(transport.requests('trigger.set'), [{ hookId: 1, resourceName: 'RFIs', create: true }]);
    assert.equal(box('RFIs', 'create').checked, true);
    assert.match(text('.hl-grid__status'), /RFIs: create only\. Saved\./);
  });

  it('reverts a refused toggle and shows the relay\'s message', async () => {
    const transport = relay().handle('trigger.set', () => {
      throw Object.assign(new Error('"RFIs" cannot be changed right now.'), { code: 'HOOKLINE_ERR_INTERNAL' });
    });
    mountCompanyWebhooks(fixture.root, transport);
    await tick(5);
    await click(box('RFIs', 'delete'));
    assert.equal(box('RFIs', 'delete').checked, false);
    assert.match(text('.hl-grid__status'), /RFIs delete was not changed: "RFIs" cannot be changed right now\./);
  });

  it('selects a column within the search only, and restores the search from state', async () => {
    const transport = relay();
    const states: unknown[] = [];
    mountCompanyWebhooks(fixture.root, transport, { state: { search: 'change' }, onStateChange: (s) => states.push(s) });
    await tick(5);
    assert.equal((fixture.root.querySelector('tr[data-resource="RFIs"]') as HTMLElement).hidden, true);
    await click(fixture.root.querySelector('input[data-column="update"]') as HTMLInputElement);
    await tick(5);
    assert.deepEqual(transport.requests('trigger.set').map((p) => (p as { resourceName: string }).resourceName).sort(), ['Change Events', 'Change Types']);
    assert.equal((fixture.root.querySelector('input[data-column="update"]') as HTMLInputElement).checked, true);
    const search = fixture.root.querySelector('input[type="search"]') as HTMLInputElement;
    search.value = 'rfi';
    search.dispatchEvent(new window.Event('input') as unknown as Event);
    await tick(200);
    assert.equal((fixture.root.querySelector('tr[data-resource="RFIs"]') as HTMLElement).hidden, false);
    assert.deepEqual(states.at(-1), { search: 'rfi', hookId: 1, scrollTop: 0 });
  });

  it('applies triggers.updated pushes for the hook on screen', async () => {
    const transport = relay();
    mountCompanyWebhooks(fixture.root, transport);
    await tick(5);
    transport.push({ type: 'triggers.updated', hookId: 2, grid: { RFIs: ['create'] } });
    assert.equal(box('RFIs', 'create').checked, false);
    transport.push({ type: 'triggers.updated', hookId: 1, grid: { RFIs: ['create'] } });
    assert.equal(box('RFIs', 'create').checked, true);
  });

  it('saves the endpoint: green banner with warnings, the secret cleared and shown masked', async () => {
    const transport = relay().handle('endpoint.set', (p) => ({
      hook: hook(1, { destinationUrl: p.destinationUrl, authorization: '••••••••cret1' }),
      warnings: [{ field: 'destination_url', severity: 'warning', code: 'HOOKLINE_WARN_PLAIN_HTTP', message: 'Procore requires HTTPS.' }],
    }));
    mountCompanyWebhooks(fixture.root, transport);
    await tick(5);
    const inputs = fixture.root.querySelectorAll<HTMLInputElement>('form input');
    const [url, auth] = [inputs[0] as HTMLInputElement, inputs[1] as HTMLInputElement];
    assert.equal(auth.type, 'password');
    url.value = 'http://example.com/hooks';
    auth.value = 'Bearer secret1';
    (fixture.root.querySelector('form') as HTMLFormElement).dispatchEvent(new window.Event('submit', { cancelable: true }) as unknown as Event);
    await tick(5);
    assert.deepEqual(transport.requests('endpoint.set'), [{ hookId: 1, destinationUrl: 'http://example.com/hooks', authorization: 'Bearer secret1' }]);
    const banner = fixture.root.querySelector('.hl-banner') as HTMLElement;
    assert.ok(banner.classList.contains('hl-banner--success'));
    assert.match(banner.textContent ?? '', /Endpoint saved, with warnings:.*Procore requires HTTPS\./);
    assert.equal(auth.value, '');
    assert.equal(auth.placeholder, '••••••••cret1');
    assert.ok(!fixture.root.innerHTML.includes('secret1'), 'the secret is nowhere in the DOM');
    await click(fixture.root.querySelector('button[aria-controls]') as HTMLElement);
    assert.equal(auth.type, 'text');
  });

  it('shows a warning banner with the relay\'s message when the endpoint is refused', async () => {
    const transport = relay().handle('endpoint.set', () => {
      throw Object.assign(new Error('"localhost:3000" is not a full URL: start it with https:// or http://.'), { code: 'HOOKLINE_ERR_INVALID_URL', field: 'destination_url' });
    });
    mountCompanyWebhooks(fixture.root, transport);
    await tick(5);
    (fixture.root.querySelector('form') as HTMLFormElement).dispatchEvent(new window.Event('submit', { cancelable: true }) as unknown as Event);
    await tick(5);
    const banner = fixture.root.querySelector('.hl-banner') as HTMLElement;
    assert.ok(banner.classList.contains('hl-banner--warning'));
    assert.match(banner.textContent ?? '', /not a full URL/);
    assert.equal(fixture.root.querySelector('form input')?.getAttribute('aria-invalid'), 'true');
  });

  it('offers a hook picker for several hooks and follows the choice', async () => {
    const transport = relay({}, [hook(1), hook(2, { destinationUrl: 'https://two.example/h' })]);
    const states: unknown[] = [];
    mountCompanyWebhooks(fixture.root, transport, { state: { hookId: 2 }, onStateChange: (s) => states.push(s) });
    await tick(5);
    const select = fixture.root.querySelector('select') as HTMLSelectElement;
    assert.equal((fixture.root.querySelector('.hl-hook-picker') as HTMLElement).hidden, false);
    assert.equal(select.value, '2');
    assert.equal((fixture.root.querySelector('form input') as HTMLInputElement).value, 'https://two.example/h');
    select.value = '1';
    select.dispatchEvent(new window.Event('change') as unknown as Event);
    await tick(200);
    assert.deepEqual(transport.requests('triggers.get').at(-1), { hookId: 1 });
    assert.equal((states.at(-1) as { hookId: number }).hookId, 1);
  });

  it('dispose removes the UI and every listener', async () => {
    const transport = relay();
    const mounted = mountCompanyWebhooks(fixture.root, transport);
    await tick(5);
    mounted.dispose();
    assert.equal(fixture.root.childElementCount, 0);
    assert.equal(transport.listenerCount, 0);
  });
});
