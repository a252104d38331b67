import assert from 'node:assert/strict';
import { extensionApi, freePort, shared, treeDeliveries, waitForStatus } from './support/context.js';
import { startRelay } from './support/relay-process.js';
import { waitFor } from './support/wait.js';

describe('relay restart', () => {
  it('after the relay restarts, the tree catches up on what happened while it was away', async () => {
    const api = await extensionApi();
    const seenBefore = api.deliveries.lastSeenSeq() ?? 0;
    await shared.relay!.stop();
    await waitForStatus(api, (s) => s.kind === 'notRunning' || s.kind === 'reconnecting', 'lost');

    // While the extension cannot reach it, the same relay data (on another port) gets three new events.
    const side = await startRelay({ port: await freePort(), dataDir: shared.dataDir });
    const missed: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const reply = await side.api<{ deliveries: { id: number }[] }>('POST', '/api/events', { resource_name: 'RFIs', event_type: 'update', resource_id: String(7000 + i) });
      missed.push(...reply.deliveries.map((d) => d.id));
    }
    assert.equal(missed.length, 3);
    await waitFor('the side relay to deliver them', async () => {
      const page = await side.api<{ data: { id: number; status: string }[] }>('GET', '/api/deliveries?limit=5');
      return missed.every((id) => page.data.find((d) => d.id === id)?.status === 'delivered');
    });
    await side.stop();
    assert.equal(api.status().kind === 'connected', false, 'the extension never saw the side relay');

    shared.relay = await startRelay({ port: shared.port, dataDir: shared.dataDir });
    await waitForStatus(api, (s) => s.kind === 'connected', 'reconnected', 20_000);
    const top = await waitFor('the missed deliveries at the top of the tree', async () => {
      const shown = await treeDeliveries(api);
      const ids = shown.slice(0, 3).map((d) => d.id);
      return [...missed].reverse().every((id, i) => ids[i] === id) ? shown.slice(0, 3) : undefined;
    }, 20_000);
    assert.ok(top.every((d) => d.status === 'delivered'));
    assert.ok((api.deliveries.lastSeenSeq() ?? 0) > seenBefore);
  });
});
