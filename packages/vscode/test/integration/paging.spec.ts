import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, shared, treeDeliveries, treeHasMore } from './support/context.js';
import { waitFor } from './support/wait.js';

describe('More Deliveries', () => {
  it('30 deliveries show as 25 with "More Deliveries", which loads the other 5', async () => {
    const api = await extensionApi();
    const existing = (await shared.relay!.api<{ data: unknown[] }>('GET', '/api/deliveries?limit=100')).data.length;
    assert.ok(existing < 30, `expected fewer than 30 deliveries so far, got ${existing}`);
    const made = await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', 'update', { count: 30 - existing });
    assert.equal(made, 30 - existing);
    const all = await shared.relay!.api<{ data: { id: number }[]; next_cursor: string | null }>('GET', '/api/deliveries?limit=100');
    assert.equal(all.data.length, 30);

    // Live: the new ones arrived by push, on top, pushing the rest under "More Deliveries".
    await waitFor('the newest delivery on top', async () => (await treeDeliveries(api))[0]?.id === all.data[0]?.id);
    assert.equal((await treeDeliveries(api)).length, 25);
    assert.equal(await treeHasMore(api), true);

    // Let the deliveries finish (no more live status changes re-rendering rows under the mouse).
    await waitFor('all 30 delivered', async () => {
      const page = await shared.relay!.api<{ data: { status: string }[] }>('GET', '/api/deliveries?limit=100');
      return page.data.every((d) => d.status === 'delivered');
    }, 30_000);
    await waitFor('the tree to show them delivered', async () => (await treeDeliveries(api)).every((d) => d.status === 'delivered'));

    // From the relay: Refresh reloads the first page (25 + a cursor); the "More Deliveries" row loads the rest.
    await vscode.commands.executeCommand('hookline.refresh');
    const firstPage = await waitFor('the first page after Refresh', async () => {
      const shown = await treeDeliveries(api);
      return shown.length === 25 && (await treeHasMore(api)) ? shown : undefined;
    });
    assert.deepEqual(firstPage.map((d) => d.id), all.data.slice(0, 25).map((d) => d.id));
    // Click "More Deliveries": run the command its row carries, as VS Code does on a click.
    const more = (await api.deliveries.rootNodes()).at(-1)!;
    const row = api.deliveries.treeItem(more);
    assert.equal(row.label, 'More Deliveries');
    assert.ok(row.command);
    await vscode.commands.executeCommand(row.command.command, ...(row.command.arguments ?? []));

    const everything = await waitFor('30 deliveries after More Deliveries', async () => {
      const shown = await treeDeliveries(api);
      return shown.length === 30 ? shown : undefined;
    });
    assert.deepEqual(everything.map((d) => d.id), all.data.map((d) => d.id));
    assert.equal(await treeHasMore(api), false);
  });

  it('batches the live updates: far fewer tree refreshes than changes', async () => {
    const api = await extensionApi();
    const before = api.deliveries.refreshStats();
    assert.equal(await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', 'update', { count: 200 }), 200);
    await waitFor('200 more deliveries delivered', async () => {
      const page = await shared.relay!.api<{ data: { status: string }[] }>('GET', '/api/deliveries?limit=100&status=enqueued');
      return page.data.length === 0;
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = api.deliveries.refreshStats();
    const fired = after.fired - before.fired;
    const requested = after.requested - before.requested;
    // 200 creations and about 400 status changes arrive in a few dozen pushes; the tree repaints far less often.
    assert.ok(fired > 0 && fired < 60 && fired <= requested, `fired ${fired}, requested ${requested}`);
    // The person asked for two pages, so two pages of the newest are shown, with more below.
    assert.equal((await treeDeliveries(api)).length, 50);
    assert.equal(await treeHasMore(api), true);
  });
});
