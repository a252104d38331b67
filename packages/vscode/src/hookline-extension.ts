/**
 * Builds the extension from its parts and owns their lifetimes: the relay connection, the shared deliveries
 * log and its tree, the documents, the Company Webhooks view, the status bar, the endpoint-health alarms, the
 * commands and the context keys.
 * Every registration goes through `_register`, so deactivation disposes all of it.
 */
import * as vscode from 'vscode';
import { DeliveryLog, isFiltered, type DeliveryLogFilter } from '@hookline/webui/client';
import type { DeliveryFilter, HooklineApi } from './api.js';
import { COMMANDS, CONTEXT_KEYS, VIEWS } from './commands/command-ids.js';
import { checkTarget, registerCheckCommands } from './commands/check-commands.js';
import { registerCompareCommands } from './commands/compare-commands.js';
import { registerDeliveryCommands } from './commands/delivery-commands.js';
import { registerFindReplayCommands } from './commands/find-replay-commands.js';
import { describeTreeFilter } from './deliveries/delivery-format.js';
import { ReceiverChecks } from './check/receiver-checks.js';
import { registerHookCommands } from './commands/hook-commands.js';
import { registerRelayCommands } from './commands/relay-commands.js';
import { CompanyWebhooksPanel } from './company-webhooks/company-webhooks-panel.js';
import { CompanyWebhooksView } from './company-webhooks/company-webhooks-view.js';
import { onSettingsChanged, readSettings } from './config/settings.js';
import { DeliveriesTreeProvider } from './deliveries/deliveries-tree-provider.js';
import { DeliveryDetails } from './deliveries/delivery-details.js';
import { RefreshCoordinator } from './deliveries/refresh-coordinator.js';
import { DeliveryDocumentProvider } from './documents/delivery-document-provider.js';
import { SCHEME } from './documents/document-uris.js';
import { HealthAlarmNotifier } from './health/health-alarm-notifier.js';
import { HealthAlarms } from './health/health-alarms.js';
import { DisposableBase, toDisposable } from './lifecycle.js';
import { HookDirectory } from './relay/hook-directory.js';
import { RelayConnection, toConnectionState } from './relay/relay-connection.js';
import type { RelayStatus } from './relay/relay-connection.js';
import { resolveEndpoint } from './relay/relay-endpoint.js';
import { RelayStarter } from './relay/relay-starter.js';
import { RelayTerminal } from './relay/relay-terminal.js';
import { ConnectionStatusBar } from './status/connection-status-bar.js';
import { watchStorage } from './status/storage-watch.js';

export class HooklineExtension extends DisposableBase {
  readonly api: HooklineApi;

  constructor(context: vscode.ExtensionContext) {
    super();
    const output = this._register(vscode.window.createOutputChannel('Hookline', { log: true }));
    const log = (line: string): void => output.info(line);

    const connection = this._register(new RelayConnection({ endpoint: () => resolveEndpoint(readSettings()), log }));
    const deliveries = new DeliveryLog({ transport: connection, log });
    this._register(toDisposable(() => deliveries.dispose()));
    const details = new DeliveryDetails(connection);
    const hooks = this._register(new HookDirectory(connection, log));
    const tree = this._register(new DeliveriesTreeProvider(deliveries, details));
    const refresh = this._register(new RefreshCoordinator({ fire: () => tree.refreshRoot() }));
    this._register(toDisposable(deliveries.onChange(() => refresh.request())));
    const documents = this._register(new DeliveryDocumentProvider(details));
    this._register(toDisposable(deliveries.onDeliveriesChanged((changed) => {
      details.invalidate(changed);
      documents.deliveriesChanged(changed);
    })));

    const treeView = this._register(vscode.window.createTreeView(VIEWS.deliveries, { treeDataProvider: tree, showCollapseAll: true }));
    const statusBar = this._register(new ConnectionStatusBar());
    // Endpoint-health alarms: after the hook directory, so on each hello the hook names are asked for first.
    let failingLines: readonly string[] = [];
    const notifier = this._register(new HealthAlarmNotifier({
      hookName: (hookId) => {
        const namespace = hooks.get(hookId)?.namespace;
        return namespace ? `hook ${hookId} (${namespace})` : `hook ${hookId}`;
      },
      showFailing: (lines) => {
        failingLines = lines;
        statusBar.setFailing(lines);
      },
      log,
    }));
    const health = this._register(new HealthAlarms(connection, notifier, log));
    this._register(toDisposable(watchStorage(connection, (look) => {
      if (look) log(`The relay's storage is degraded: ${look.tooltip}`);
      statusBar.setStorage(look);
    })));
    const terminal = this._register(new RelayTerminal());
    const bundledCli = context.asAbsolutePath('dist/relay/hookline.mjs');
    const starter = this._register(new RelayStarter({ connection, terminal, bundledCli, log }));
    const checks = this._register(new ReceiverChecks({ bundledCli, target: () => checkTarget(connection, hooks, log), log }));
    const pageDeps = {
      extensionUri: context.extensionUri,
      transport: connection,
      connection: {
        state: () => toConnectionState(connection.status),
        relayUrl: () => ('url' in connection.status ? connection.status.url : readSettings().url),
        detail: () => ('reason' in connection.status ? connection.status.reason : ''),
        hello: () => connection.hello,
      },
      log,
    };
    const webview = this._register(new CompanyWebhooksView(pageDeps));
    const panel = this._register(new CompanyWebhooksPanel(pageDeps));
    this._register(vscode.commands.registerCommand(COMMANDS.openCompanyWebhooks, () => panel.open()));
    this._register(vscode.window.registerWebviewViewProvider(VIEWS.companyWebhooks, webview));
    this._register(vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents));

    const changeFilter = async (change: Partial<DeliveryLogFilter>): Promise<void> => {
      const loading = deliveries.setFilter(change);
      const filter = deliveries.filter;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.onlyFailures, filter.failuresOnly);
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.resourceFilter, filter.resourceId !== null);
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFiltered(filter));
      treeView.description = describeTreeFilter(filter);
      await loading;
    };
    const setFilter = (filter: DeliveryFilter): Promise<void> => changeFilter({ failuresOnly: filter === 'failures' });
    for (const registration of [
      ...registerRelayCommands({ connection, starter, failing: () => failingLines }),
      ...registerDeliveryCommands({ connection, log: deliveries, details, hooks, setFilter }),
      ...registerCompareCommands({ connection, log: deliveries, details }),
      ...registerFindReplayCommands({ connection, log: deliveries, changeFilter }),
      ...registerHookCommands({ connection, hooks }),
      ...registerCheckCommands(checks),
    ]) {
      this._register(registration);
    }

    let lastState: string | null = null;
    const onStatus = (status: RelayStatus): void => {
      statusBar.update(status);
      const state = toConnectionState(status);
      if (state !== lastState) {
        lastState = state;
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.connection, state);
      }
      treeView.message = status.kind === 'connected' || deliveries.size === 0 ? undefined : `${status.kind === 'notRunning' ? 'The relay is not running' : 'Reconnecting to the relay'}: the list catches up when it is back.`;
      refresh.request();
    };
    this._register(toDisposable(connection.onStatus(onStatus)));
    this._register(onSettingsChanged(() => {
      log('Relay settings changed: reconnecting.');
      deliveries.forget();
      details.clear();
      health.forget();
      starter.settingsChanged();
      connection.reconnectNow();
    }));
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.onlyFailures, false);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, false);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.resourceFilter, false);
    onStatus(connection.status);
    starter.watch();
    connection.start();

    this.api = {
      status: () => connection.status,
      onStatus: (listener) => connection.onStatus(listener),
      transport: connection,
      deliveries: {
        rootNodes: () => tree.getChildren(),
        children: (node) => tree.getChildren(node),
        treeItem: (node) => tree.getTreeItem(node),
        visible: () => deliveries.visible(),
        filter: () => (deliveries.filter.failuresOnly ? 'failures' : 'all'),
        resourceId: () => deliveries.filter.resourceId,
        lastSeenSeq: () => deliveries.lastSeenSeq,
        refreshStats: () => refresh.stats,
      },
      companyWebhooks: {
        isReady: () => webview.isReady,
        onDidBecomeReady: webview.onDidBecomeReady,
        panel: { isOpen: () => panel.isOpen, isReady: () => panel.isReady, onDidBecomeReady: panel.onDidBecomeReady },
      },
      relay: {
        lastStart: () => starter.lastOutcome,
      },
      health: {
        failing: () => health.failing(),
        shown: () => [...notifier.shown],
        statusBar: () => statusBar.look,
      },
    };
  }
}
