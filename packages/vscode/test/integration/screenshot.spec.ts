import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi } from './support/context.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

describe('what a person sees', () => {
  it('saves a screenshot of the workbench with both views populated', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('hookline.companyWebhooks.focus');
    await waitFor('the webview handshake', () => api.companyWebhooks.isReady(), 30_000);
    await vscode.commands.executeCommand('hookline.deliveries.focus');
    await ui('sidebar.resize', { width: 560 });
    await ui('webview.fill', { role: 'searchbox', name: 'Search resources', value: 'RFIs' });
    await ui('webview.waitChecked', { name: 'Update RFIs', checked: true });
    await ui('tree.waitRow', { text: 'RFIs · update' });
    await ui('tree.click', { text: 'RFIs · update' });
    await ui('tree.waitRow', { text: 'Request Payload' });
    await ui('tree.click', { text: 'Request Payload' });
    await waitFor('the payload editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/request-payload.json'));
    await vscode.commands.executeCommand('notifications.clearAll');
    await ui('webview.reveal', { role: 'checkbox', name: 'Delete RFIs' });
    const { path } = await ui<{ path: string }>('screenshot', { name: 'workbench' });
    assert.ok(statSync(path).size > 20_000, `${path} looks empty`);
  });
});
