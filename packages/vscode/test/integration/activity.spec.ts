import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi, shared } from './support/context.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

interface ActivityJson {
  data: { totals: { delivered: number; failed: number; p95_ms: number | null } };
}

interface SvgInfo {
  label: string | null;
  width: number;
  height: number;
  bars: number;
}

describe('the activity chart in the Company Webhooks view', () => {
  it('draws the selected hook’s last hour from the relay, live, and saves a screenshot', async () => {
    const api = await extensionApi();
    const relay = shared.relay;
    assert.ok(relay, 'an earlier spec started the relay under test');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('hookline.companyWebhooks.focus');
    await waitFor('the webview handshake', () => api.companyWebhooks.isReady(), 30_000);
    // A fresh event, so the current minute has attempts whatever the earlier specs left.
    await relay.api('POST', '/api/events', { resource_name: 'RFIs', event_type: 'update', resource_id: '4242' });
    await ui('webview.waitText', { text: 'Activity' });

    // The chart says what the relay's own API says (it follows the delivery pushes: no reload).
    let expected = '';
    const chart = await waitFor(
      'the chart to show the relay’s activity',
      async () => {
        const { data } = await relay.api<ActivityJson>('GET', `/api/hooks/${shared.hookId}/activity`);
        expected = `last hour: ${data.totals.delivered} delivered, ${data.totals.failed} failed, ${data.totals.p95_ms === null ? 'no p95 (no attempts)' : `p95 ${data.totals.p95_ms} ms`}`;
        const svg = await ui<SvgInfo>('webview.svg', { selector: '.hl-activity svg[role="img"]' });
        return svg.label === expected && data.totals.delivered + data.totals.failed > 0 ? svg : undefined;
      },
      20_000,
      250,
    ).catch((error: unknown) => assert.fail(`${error instanceof Error ? error.message : String(error)}; expected "${expected}"`));
    assert.ok(chart.bars > 0, `non-zero bars (${chart.bars})`);
    assert.ok(chart.width > 150 && chart.height > 100, `laid out (${chart.width} × ${chart.height})`);
    const { path } = await ui<{ path: string }>('webview.screenshot', { selector: '.hl-activity', name: 'company-webhooks-activity' });
    assert.ok(statSync(path).size > 5_000, `${path} looks empty`);
    const workbench = await ui<{ path: string }>('screenshot', { name: 'workbench-activity' });
    assert.ok(statSync(workbench.path).size > 20_000, `${workbench.path} looks empty`);
  });
});
