import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeliverySummary } from '@hookline/core';
import { documentUri } from '../../src/deliveries/tree-items.js';
import type { DeliveryNode } from '../../src/deliveries/tree-nodes.js';
import { extensionApi, shared } from './support/context.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

const compact = (text: string): string => text.replace(/\s+/g, '');
const payloadUri = (id: number): string => documentUri({ kind: 'requestPayload', deliveryId: id }).toString();

/** Triggers one event and waits for its delivery at the top of the tree, delivered; returns its tree node. */
async function deliver(eventType: 'create' | 'update', resourceId: string): Promise<Extract<DeliveryNode, { kind: 'delivery' }>> {
  const api = await extensionApi();
  const before = new Set(api.deliveries.visible().map((d) => d.id));
  assert.equal(await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', eventType, { resourceId }), 1);
  return waitFor(`a delivered RFIs ${eventType} ${resourceId} in the tree`, async () =>
    (await api.deliveries.rootNodes()).find((n): n is Extract<DeliveryNode, { kind: 'delivery' }> =>
      n.kind === 'delivery' && !before.has(n.delivery.id) && n.delivery.resourceId === resourceId && n.delivery.status === 'delivered'),
  );
}

/** The exact bytes the receiver got for this delivery's event. */
function sentBody(delivery: DeliverySummary): string {
  const body = shared.receiver.received.find((r) => r.body.includes(`"ulid":"${delivery.eventUlid}"`))?.body;
  assert.ok(body, `the receiver got event ${delivery.eventUlid}`);
  return body;
}

/** The diff editor that became active, as the tab sees it. */
async function activeDiff(label: string): Promise<{ tab: vscode.Tab; input: vscode.TabInputTextDiff }> {
  return waitFor(`a diff editor titled "${label}"`, () => {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    return tab && tab.input instanceof vscode.TabInputTextDiff && tab.label === label ? { tab, input: tab.input } : undefined;
  });
}

async function documentText(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

describe('Compare deliveries', () => {
  let created: Extract<DeliveryNode, { kind: 'delivery' }>;
  let updated: Extract<DeliveryNode, { kind: 'delivery' }>;
  let other: Extract<DeliveryNode, { kind: 'delivery' }>;

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    shared.receiver.status = 200;
    created = await deliver('create', '4455667788');
    updated = await deliver('update', '4455667788');
    other = await deliver('update', '9988776655');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Compare with Previous Delivery of this Resource opens the diff editor: the previous payload left, this one right', async () => {
    const opened = await vscode.commands.executeCommand<{ left: number; right: number }>('hookline.compareWithPrevious', updated);
    assert.deepEqual(opened, { left: created.delivery.id, right: updated.delivery.id });
    const { input } = await activeDiff(`RFIs 4455667788: #${created.delivery.id} ↔ #${updated.delivery.id}`);
    assert.equal(input.original.toString(), payloadUri(created.delivery.id));
    assert.equal(input.modified.toString(), payloadUri(updated.delivery.id));
    const left = await documentText(input.original);
    const right = await documentText(input.modified);
    assert.equal(compact(left), compact(sentBody(created.delivery)), 'the left side is the first payload as sent, indented');
    assert.equal(compact(right), compact(sentBody(updated.delivery)));
    assert.match(left, /\n {2}"event_type": "create",\n/);
    assert.match(right, /\n {2}"event_type": "update",\n/);
    assert.match(right, /\n {2}"resource_id": 4455667788\n/);
  });

  it('Select for Compare, then Compare with Selected on another delivery: the selected one left', async () => {
    assert.equal(await vscode.commands.executeCommand('hookline.selectForCompare', other), other.delivery.id);
    const opened = await vscode.commands.executeCommand<{ left: number; right: number }>('hookline.compareWithSelected', created.delivery.id);
    assert.deepEqual(opened, { left: other.delivery.id, right: created.delivery.id });
    const { input } = await activeDiff(`RFIs 9988776655 #${other.delivery.id} ↔ RFIs 4455667788 #${created.delivery.id}`);
    assert.equal(input.original.toString(), payloadUri(other.delivery.id));
    assert.equal(input.modified.toString(), payloadUri(created.delivery.id));
    assert.equal(compact(await documentText(input.original)), compact(sentBody(other.delivery)));
    assert.equal(compact(await documentText(input.modified)), compact(sentBody(created.delivery)));
  });

  it('without a previous delivery of the resource it opens nothing (and says so)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await vscode.commands.executeCommand('hookline.compareWithPrevious', other), undefined);
    const text = `Delivery #${other.delivery.id} is the first delivery of RFIs 9988776655 to hook ${other.delivery.hookId}`;
    await waitFor('the "no previous delivery" message', async () => (await ui<{ count: number }>('notifications.find', { text })).count === 1);
    assert.equal(await vscode.commands.executeCommand('hookline.compareWithPrevious', created.delivery.id), undefined);
    assert.equal(await vscode.commands.executeCommand('hookline.compareWithSelected', other.delivery.id), undefined, 'a delivery is not compared with itself');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff), 'no diff editor opened');
  });
});
