import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentUri } from '../../src/deliveries/tree-items.js';
import { extensionApi, shared, treeDeliveries } from './support/context.js';
import { waitFor } from './support/wait.js';

const compact = (text: string): string => text.replace(/\s+/g, '');
/** Written out here, not imported, so a wrong set in the code cannot make this test agree with it. */
const FAILURE_STATUSES: ReadonlySet<string> = new Set(['failed', 'retrying', 'discarded']);

describe('Deliveries tree', () => {
  let deliveredId = 0;
  let failingId = 0;

  it('a triggered event appears at the top, delivered, described as "200 · N ms · just now"', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('hookline.deliveries.focus');
    const count = await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', 'update', { resourceId: '54321' });
    assert.equal(count, 1);
    const top = await waitFor('a delivered RFIs · update at the top of the tree', async () => {
      const [first] = (await api.deliveries.rootNodes()).filter((n) => n.kind === 'delivery');
      return first?.kind === 'delivery' && first.delivery.status === 'delivered' ? first : undefined;
    });
    deliveredId = top.delivery.id;
    const item = api.deliveries.treeItem(top);
    assert.equal(item.label, 'RFIs · update');
    assert.match(String(item.description), /^200 · \d+ ms · (just now|\d+ s ago)$/);
    assert.equal(item.contextValue, 'delivery.delivered');
  });

  it('shows Request Payload (exact 64-bit ids), Response Headers, Response Body and the attempts', async () => {
    const api = await extensionApi();
    const node = (await api.deliveries.rootNodes()).find((n) => n.kind === 'delivery' && n.delivery.id === deliveredId)!;
    const children = await api.deliveries.children(node);
    assert.deepEqual(children.map((c) => String(api.deliveries.treeItem(c).label)), ['Request Payload', 'Response Headers', 'Response Body', 'Attempt 1']);
    const sent = shared.receiver.received.at(-1)!.body;
    const id = /"id":(\d{19})/.exec(sent)?.[1];
    assert.ok(id, `the receiver got a 64-bit id: ${sent}`);
    const payload = await vscode.workspace.openTextDocument(documentUri({ kind: 'requestPayload', deliveryId: deliveredId }));
    assert.equal(payload.languageId, 'json');
    assert.ok(payload.getText().includes(`"id": ${id}`), payload.getText());
    assert.equal(compact(payload.getText()), compact(sent), 'the document is the bytes sent, only indented');
    const body = await vscode.workspace.openTextDocument(documentUri({ kind: 'responseBody', deliveryId: deliveredId, json: true }));
    assert.match(body.getText(), /"ok": true/);
    const headers = await vscode.workspace.openTextDocument(documentUri({ kind: 'responseHeaders', deliveryId: deliveredId }));
    assert.match(headers.getText(), /"x-receiver": "hookline-tests"/);
  });

  it('Only Show Failures shows the failing deliveries only; Show All brings the rest back', async () => {
    const api = await extensionApi();
    shared.receiver.status = 500;
    assert.equal(await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', 'create'), 1);
    const failing = await waitFor('a failing RFIs · create', async () =>
      (await treeDeliveries(api)).find((d) => d.resourceName === 'RFIs' && d.eventType === 'create' && FAILURE_STATUSES.has(d.status)),
    );
    failingId = failing.id;
    await vscode.commands.executeCommand('hookline.onlyShowFailures');
    assert.equal(api.deliveries.filter(), 'failures');
    const onlyFailures = await waitFor('the failures-only list', async () => {
      const shown = await treeDeliveries(api);
      return shown.some((d) => d.id === failingId) ? shown : undefined;
    });
    assert.ok(onlyFailures.every((d) => FAILURE_STATUSES.has(d.status)), JSON.stringify(onlyFailures.map((d) => d.status)));
    assert.ok(!onlyFailures.some((d) => d.id === deliveredId));
    await vscode.commands.executeCommand('hookline.showAllDeliveries');
    assert.equal(api.deliveries.filter(), 'all');
    await waitFor('the delivered one back in the list', async () => (await treeDeliveries(api)).some((d) => d.id === deliveredId));
  });

  it('Redeliver sends it again; when the receiver recovers the tree shows it delivered without a refresh', async () => {
    const api = await extensionApi();
    shared.receiver.status = 200;
    await vscode.commands.executeCommand('hookline.redeliver', failingId);
    await waitFor('the failing delivery to be delivered', async () => (await treeDeliveries(api)).find((d) => d.id === failingId && d.status === 'delivered'));
    const node = (await api.deliveries.rootNodes()).find((n) => n.kind === 'delivery' && n.delivery.id === failingId)!;
    const attempts = (await api.deliveries.children(node)).filter((c) => c.kind === 'attempt');
    assert.ok(attempts.length >= 2, `attempts: ${attempts.length}`);
    assert.ok(attempts.some((a) => a.kind === 'attempt' && a.attempt.trigger === 'manual'));
  });

  it('Copy Payload copies the exact bytes; Copy as cURL replays them', async () => {
    const sent = shared.receiver.received.find((r) => r.body.includes('"event_type":"update"'))!.body;
    await vscode.commands.executeCommand('hookline.copyPayload', deliveredId);
    assert.equal(await vscode.env.clipboard.readText(), sent);
    await vscode.commands.executeCommand('hookline.copyAsCurl', deliveredId);
    const curl = await vscode.env.clipboard.readText();
    assert.ok(curl.startsWith(`curl -X POST '${shared.receiver.url}'`), curl);
    assert.ok(curl.includes(`--data-raw '${sent}'`), curl);
  });

  it('Open Delivery opens the whole delivery as a JSON document (served by the hookline: content provider, so read-only)', async () => {
    await vscode.commands.executeCommand('hookline.openDelivery', deliveredId);
    const editor = await waitFor('the delivery editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'hookline' && vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.path, `/deliveries/${deliveredId}.json`);
    assert.match(editor.document.getText(), /"attempts": \[/);
    assert.match(editor.document.getText(), /"payload": \{/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
