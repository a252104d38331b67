import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi } from './support/context.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

function companyWebhooksTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Company Webhooks');
}

describe('Company Webhooks in an editor tab', () => {
  it('"Open Company Webhooks" opens the same page full width, once, and the sidebar view stays', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('hookline.openCompanyWebhooks');
    await waitFor('the panel’s page handshake', () => api.companyWebhooks.panel.isReady(), 30_000);
    assert.equal(companyWebhooksTabs().length, 1);
    await vscode.commands.executeCommand('hookline.openCompanyWebhooks');
    assert.equal(companyWebhooksTabs().length, 1, 'running it again brings the tab forward');
    assert.equal(api.companyWebhooks.panel.isOpen(), true);
    await ui('screenshot', { name: 'company-webhooks-tab' });
    await vscode.commands.executeCommand('hookline.companyWebhooks.focus');
    await waitFor('the sidebar view’s handshake', () => api.companyWebhooks.isReady(), 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to close', () => !api.companyWebhooks.panel.isOpen());
  });
});
