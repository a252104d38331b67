/** Start Relay, Connect, and the status bar's "what next" menu (with the health alarm's actions while a hook fails). */
import * as vscode from 'vscode';
import { OPEN_ENDPOINT_SETTINGS, SHOW_FAILURES, openEndpointSettings, showFailures } from '../health/health-alarm-notifier.js';
import type { RelayConnection } from '../relay/relay-connection.js';
import type { RelayStarter } from '../relay/relay-starter.js';
import { COMMANDS, VIEWS } from './command-ids.js';

export interface RelayCommandDeps {
  connection: RelayConnection;
  starter: RelayStarter;
  /** One line per hook whose endpoint is failing (health alarms). */
  failing: () => readonly string[];
}

async function startRelay({ connection, starter }: RelayCommandDeps): Promise<boolean> {
  if (connection.status.kind === 'connected') {
    void vscode.window.showInformationMessage(`The Hookline relay is already running at ${connection.status.url}.`);
    return true;
  }
  const outcome = await vscode.window.withProgress({ location: { viewId: VIEWS.deliveries }, title: 'Starting the Hookline relay…' }, () => starter.start(true));
  if (outcome.kind !== 'failed') return true;
  void vscode.window.showErrorMessage(outcome.message, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'hookline.relay');
  });
  return false;
}

interface Action extends vscode.QuickPickItem {
  run: () => unknown;
}

async function showConnectionActions({ connection, failing }: RelayCommandDeps): Promise<void> {
  const status = connection.status;
  const open = (command: string, ...args: unknown[]) => () => vscode.commands.executeCommand(command, ...args);
  const settings: Action = { label: '$(gear) Open Settings', run: open('workbench.action.openSettings', 'hookline.relay') };
  const connect: Action = { label: '$(plug) Connect Now', run: open(COMMANDS.connect) };
  const start: Action = { label: '$(play) Start Relay', run: open(COMMANDS.startRelay) };
  let actions: Action[];
  let title: string;
  if (status.kind === 'connected') {
    const failures = failing();
    title = failures.length > 0 ? failures.join(' ') : `Connected to relay ${status.relayVersion} at ${status.url}`;
    const health: Action[] =
      failures.length === 0
        ? []
        : [
            { label: `$(filter) ${SHOW_FAILURES}`, run: showFailures },
            { label: `$(settings) ${OPEN_ENDPOINT_SETTINGS}`, run: openEndpointSettings },
          ];
    actions = [
      ...health,
      { label: '$(list-tree) Show Deliveries', run: open(`${VIEWS.deliveries}.focus`) },
      { label: '$(zap) Trigger Event', run: open(COMMANDS.triggerEvent) },
      { label: '$(link) Set Endpoint', run: open(COMMANDS.setEndpoint) },
      { label: '$(debug-restart) Reconnect', run: open(COMMANDS.connect) },
    ];
  } else if (status.kind === 'unauthorized') {
    title = status.reason;
    actions = [settings, connect];
  } else {
    title = 'reason' in status ? status.reason : 'Not connected to the Hookline relay';
    actions = [start, connect, settings];
  }
  const picked = await vscode.window.showQuickPick(actions, { title, placeHolder: 'What next?' });
  await picked?.run();
}

export function registerRelayCommands(deps: RelayCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.startRelay, () => startRelay(deps)),
    vscode.commands.registerCommand(COMMANDS.connect, () => {
      deps.connection.reconnectNow();
    }),
    vscode.commands.registerCommand(COMMANDS.showConnectionActions, () => showConnectionActions(deps)),
  ];
}
