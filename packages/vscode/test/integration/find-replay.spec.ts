import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, shared, treeDeliveries } from './support/context.js';
import { waitFor } from './support/wait.js';

describe('Deliveries tree: Find by Resource Id and Replay These', () => {
  const RESOURCE = '7770012';

  it('narrows the tree to one resource id, replays exactly what it shows with the same bytes, and clears', async () => {
    const api = await extensionApi();
    shared.receiver.status = 200;
    for (const type of ['create', 'update']) {
      assert.equal(await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', type, { resourceId: RESOURCE }), 1);
    }
    await waitFor('both delivered', async () => (await treeDeliveries(api)).filter((d) => d.resourceId === RESOURCE && d.status === 'delivered').length === 2);

    await vscode.commands.executeCommand('hookline.findByResourceId', RESOURCE);
    assert.equal(api.deliveries.resourceId(), RESOURCE);
    const originals = await waitFor('only the resource in the tree', async () => {
      const shown = await treeDeliveries(api);
      return shown.length === 2 && shown.every((d) => d.resourceId === RESOURCE) ? shown : undefined;
    });

    const before = shared.receiver.received.length;
    const replayed = await vscode.commands.executeCommand<number[]>('hookline.replayShown', { confirm: false });
    assert.equal(replayed.length, 2);
    const received = await waitFor('the two replays received', () => (shared.receiver.received.length >= before + 2 ? shared.receiver.received.slice(before) : undefined));
    const sent = [...originals].reverse();
    const payloads = await Promise.all(sent.map(async (d) => (await api.transport.request('delivery.get', { deliveryId: d.id })).delivery.payload));
    assert.deepEqual(received.map((r) => r.body), payloads, 'oldest first, the same bytes');
    const shown = await waitFor('the replays on top, linked to their originals', async () => {
      const list = await treeDeliveries(api);
      return list.length === 4 && list.slice(0, 2).every((d) => d.replayOf !== null) ? list : undefined;
    });
    assert.deepEqual(shown.slice(0, 2).map((d) => d.replayOf), originals.map((d) => d.id));

    await vscode.commands.executeCommand('hookline.clearResourceFilter');
    assert.equal(api.deliveries.resourceId(), null);
    await waitFor('every resource back', async () => (await treeDeliveries(api)).some((d) => d.resourceId !== RESOURCE));
  });
});
