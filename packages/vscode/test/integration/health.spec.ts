import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HooklineApi } from '../../src/api.js';
import type { ShownAlarm } from '../../src/health/health-alarm-notifier.js';
import { extensionApi, shared, waitForStatus } from './support/context.js';
import { startRelay } from './support/relay-process.js';
import { ui } from './support/ui-driver.js';
import { waitFor } from './support/wait.js';

interface RelayHealth {
  data: { state: string; failure_streak: number; streak_started_at: string | null };
}
interface ToastsFound {
  count: number;
  buttons: string[];
}
interface StatusItems {
  items: { text: string; classes: string[] }[];
}

const FAILING_TEXT = 'is failing: the endpoint answers HTTP 503';
const relayHealth = async (): Promise<RelayHealth['data']> => (await shared.relay!.api<RelayHealth>('GET', `/api/hooks/${shared.hookId}/health`)).data;
/** The health request the test sends goes out after the extension's own (same socket, answered in order). */
const afterExtensionsHealthRequest = async (api: HooklineApi): Promise<void> => {
  await api.transport.request('health.get', {});
  await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('endpoint health alarms', () => {
  let api: HooklineApi;
  let baseline = 0;
  const since = (): ShownAlarm[] => api.health.shown().slice(baseline);
  const count = (kind: ShownAlarm['kind']): number => since().filter((s) => s.kind === kind).length;

  before(async () => {
    api = await extensionApi();
    // The same relay data, now with retries 1000 times faster: 1 ms, 2 ms, 4 ms, … and discarded after 43 s.
    await shared.relay!.stop();
    await waitForStatus(api, (s) => s.kind !== 'connected', 'lost');
    shared.relay = await startRelay({ port: shared.port, dataDir: shared.dataDir, timeScale: 1000 });
    await waitForStatus(api, (s) => s.kind === 'connected', 'reconnected', 20_000);
    shared.receiver.status = 200;
    await waitFor('the hook to be healthy', async () => (await relayHealth()).state === 'healthy');
    await afterExtensionsHealthRequest(api);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(() => {
    shared.receiver.status = 200;
  });

  it('the outage earlier in the suite (the Deliveries spec’s HTTP 500s) was announced once and its recovery once', () => {
    const earlier = api.health.shown().map((s) => s.kind);
    assert.ok(earlier.length >= 2, JSON.stringify(earlier));
    earlier.forEach((kind, i) => assert.equal(kind, i % 2 === 0 ? 'failing' : 'recovered', JSON.stringify(earlier)));
    assert.deepEqual(api.health.failing(), []);
    assert.equal(api.health.statusBar().background, undefined);
  });

  it('a failing endpoint raises exactly one error notification, however often the relay retries', async () => {
    baseline = api.health.shown().length;
    const receivedBefore = shared.receiver.received.length;
    shared.receiver.status = 503;
    assert.equal(await vscode.commands.executeCommand<number>('hookline.triggerEvent', 'RFIs', 'update', { count: 3 }), 3);
    // All three go out at once and fail; then the oldest alone is retried with back-off, the other two behind it.
    await waitFor('8 failed attempts at the receiver', () => shared.receiver.received.length - receivedBefore >= 8, 20_000);
    // The relay records an attempt a few ms after the receiver has answered it (batched writes): wait for it.
    const outage = await waitFor('the relay to count 8 failures', async () => {
      const health = await relayHealth();
      return health.failure_streak >= 8 ? health : undefined;
    });
    assert.equal(outage.state, 'failing');

    await waitFor('the failing alarm', () => count('failing') > 0);
    const [alarm, ...more] = since();
    assert.deepEqual(more, [], JSON.stringify(since()));
    assert.equal(alarm!.kind, 'failing');
    assert.equal(alarm!.via, 'error');
    assert.equal(alarm!.hookId, shared.hookId);
    assert.match(alarm!.message, new RegExp(`^Hookline: hook ${shared.hookId} \\(\\w+\\) ${FAILING_TEXT} \\(since [^)]+\\)\\. Deliveries wait behind it\\.$`));
    assert.deepEqual(alarm!.actions, ['Show Failures', 'Open Endpoint Settings']);

    // In the real workbench: one toast with both buttons; the status bar item in the error colour.
    const toasts = await waitFor('the toast', async () => {
      const found = await ui<ToastsFound>('notifications.find', { text: FAILING_TEXT });
      return found.count > 0 ? found : undefined;
    });
    assert.deepEqual(toasts, { count: 1, buttons: ['Show Failures', 'Open Endpoint Settings'] });
    const look = api.health.statusBar();
    assert.equal(look.background, 'statusBarItem.errorBackground');
    assert.equal(look.text, '$(error) Hookline: 1 hook failing');
    assert.match(look.tooltip, new RegExp(`^hook ${shared.hookId} \\(\\w+\\) is failing since .+: the endpoint answers HTTP 503 \\(\\d+ failed attempts?\\)\\.`));
    const item = await waitFor('the status bar item in the error colour', async () => {
      const { items } = await ui<StatusItems>('statusbar.find', { pattern: 'Hookline: 1 hook failing' });
      return items.find((i) => i.classes.includes('error-kind'));
    });
    assert.match(item.text, /Hookline: 1 hook failing/);

    // More failed attempts later, still one notification.
    const streak = outage.failure_streak;
    await waitFor('more failed attempts', async () => (await relayHealth()).failure_streak > streak, 20_000);
    assert.equal(count('failing'), 1);
    await ui('screenshot', { name: 'health-alarm' });
  });

  it('a reconnect during the same outage does not alarm again, and the status bar stays red', async () => {
    await vscode.commands.executeCommand('hookline.connect');
    await waitForStatus(api, (s) => s.kind === 'connected', 'reconnected');
    await afterExtensionsHealthRequest(api);
    assert.equal((await relayHealth()).state, 'failing');
    assert.deepEqual(api.health.failing().map((h) => h.hookId), [shared.hookId]);
    assert.equal(count('failing'), 1, JSON.stringify(since()));
    assert.equal(api.health.statusBar().background, 'statusBarItem.errorBackground');
    assert.equal((await ui<ToastsFound>('notifications.find', { text: FAILING_TEXT })).count, 1);
  });

  it('"Show Failures" on the notification turns on Only Show Failures and reveals the Deliveries view', async () => {
    await ui('notifications.click', { text: FAILING_TEXT, button: 'Show Failures' });
    await waitFor('the failures filter', () => api.deliveries.filter() === 'failures');
    await ui('tree.waitRow', { text: 'RFIs · update' });
    await vscode.commands.executeCommand('hookline.showAllDeliveries');
    assert.equal(api.deliveries.filter(), 'all');
  });

  it('recovery is announced once, quietly (a status bar message), and the error colour clears', async () => {
    shared.receiver.status = 200;
    await waitFor('the recovery', () => count('recovered') > 0, 30_000);
    await waitFor('the three deliveries delivered', async () => {
      const page = await shared.relay!.api<{ data: { status: string }[] }>('GET', '/api/deliveries?limit=3');
      return page.data.every((d) => d.status === 'delivered');
    }, 20_000);
    assert.equal((await relayHealth()).state, 'healthy');
    const recovery = since().find((s) => s.kind === 'recovered')!;
    assert.equal(recovery.via, 'statusBarMessage');
    assert.match(recovery.message, new RegExp(`^Hookline: hook ${shared.hookId} \\(\\w+\\) recovered \\(failing since [^)]+\\); deliveries flow again\\.$`));
    assert.deepEqual(api.health.failing(), []);
    const look = api.health.statusBar();
    assert.equal(look.background, undefined);
    assert.equal(look.text, '$(radio-tower) Hookline: Connected');
    await waitFor('the status bar item back to normal, with the recovery message beside it', async () => {
      const { items } = await ui<StatusItems>('statusbar.find', { pattern: 'Hookline: (Connected|1 hook failing)|recovered' });
      const main = items.find((i) => /Hookline: Connected/.test(i.text));
      return !items.some((i) => i.classes.includes('error-kind')) && main && items.some((i) => /recovered/.test(i.text));
    });
    // Nothing more trickles in afterwards: one alarm and one recovery for this outage.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(since().map((s) => s.kind), ['failing', 'recovered']);
  });
});
