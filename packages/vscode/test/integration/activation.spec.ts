import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, treeDeliveries, waitForStatus } from './support/context.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

describe('activation', () => {
  it('activates in the extension host and returns its API', async () => {
    const api = await extensionApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof api.status().kind, 'string');
  });

  it('registers every command package.json contributes', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 13);
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  it('contributes the Hookline container with the Company Webhooks webview and the Deliveries tree', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('hookline.deliveries.focus');
    await vscode.commands.executeCommand('hookline.companyWebhooks.focus');
    await waitFor('the webview to finish its ready handshake', () => api.companyWebhooks.isReady(), 30_000);
  });

  it('says "Not running" when no relay answers, with an empty tree (welcome: Start Relay) and the page’s own banner', async () => {
    const api = await extensionApi();
    await waitForStatus(api, (s) => s.kind === 'notRunning', 'not running');
    assert.deepEqual(await treeDeliveries(api), []);
    await ui('webview.waitText', { text: 'No Hookline relay answers' });
    await ui('screenshot', { name: 'not-running' });
  });
});
