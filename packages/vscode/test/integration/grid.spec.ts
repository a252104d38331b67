import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, shared } from './support/context.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

interface TriggersJson {
  data: { hook_id: number; grid: Record<string, string[]> };
}

async function relayGrid(): Promise<Record<string, string[]>> {
  const reply = await shared.relay!.api<TriggersJson>('GET', `/api/hooks/${shared.hookId}/triggers`);
  return reply.data.grid;
}

describe('Company Webhooks', () => {
  before(async () => {
    await shared.receiver.start();
  });

  it('Set Endpoint saves the receiver as the notification endpoint', async () => {
    const saved = await vscode.commands.executeCommand<boolean>('hookline.setEndpoint', shared.receiver.url, null);
    assert.equal(saved, true);
    const hooks = await shared.relay!.api<{ data: { id: number; destination_url: string | null }[] }>('GET', '/api/hooks');
    assert.equal(hooks.data.find((h) => h.id === shared.hookId)?.destination_url, shared.receiver.url);
  });

  it('a click in the webview’s resource grid reaches the relay (page → bridge → WebSocket → relay)', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('hookline.companyWebhooks.focus');
    await waitFor('the webview handshake', () => api.companyWebhooks.isReady(), 30_000);
    await ui('webview.fill', { role: 'searchbox', name: 'Search resources', value: 'RFIs' });
    await ui('webview.waitChecked', { name: 'Create RFIs', checked: false });
    assert.deepEqual((await relayGrid()).RFIs ?? [], []);

    await ui('webview.click', { role: 'checkbox', name: 'Create RFIs' });
    await waitFor('RFIs create on the relay', async () => (await relayGrid()).RFIs?.includes('create'));
    await ui('webview.click', { role: 'checkbox', name: 'Update RFIs' });
    await waitFor('RFIs update on the relay', async () => (await relayGrid()).RFIs?.includes('update'));
    await ui('webview.waitChecked', { name: 'Update RFIs', checked: true });
    assert.deepEqual([...((await relayGrid()).RFIs ?? [])].sort(), ['create', 'update']);
  });

  it('keeps the page state across hide and show (getState/setState; the page is rebuilt, not retained)', async () => {
    const api = await extensionApi();
    let reloaded = false;
    const subscription = api.companyWebhooks.onDidBecomeReady(() => (reloaded = true));
    try {
      await vscode.commands.executeCommand('workbench.view.explorer');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await vscode.commands.executeCommand('hookline.companyWebhooks.focus');
      await waitFor('the page to load again and shake hands', () => reloaded, 30_000);
    } finally {
      subscription.dispose();
    }
    await ui('webview.waitChecked', { name: 'Create RFIs', checked: true });
    assert.deepEqual(await ui('webview.value', { role: 'searchbox', name: 'Search resources' }), { value: 'RFIs' });
  });

  it('a change made elsewhere (the API) shows up in the open grid through the triggers.updated push', async () => {
    await shared.relay!.api('PUT', `/api/hooks/${shared.hookId}/triggers/RFIs`, { delete: true });
    await ui('webview.waitChecked', { name: 'Delete RFIs', checked: true });
    await shared.relay!.api('PUT', `/api/hooks/${shared.hookId}/triggers/RFIs`, { delete: false });
    await ui('webview.waitChecked', { name: 'Delete RFIs', checked: false });
  });
});
