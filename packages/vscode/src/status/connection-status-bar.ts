/** The status bar item: Connected, Reconnecting or Not running; clicking it offers the next step. */
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/command-ids.js';
import type { Disposable } from '../lifecycle.js';
import type { RelayStatus } from '../relay/relay-connection.js';

export interface StatusLook {
  text: string;
  tooltip: string;
  warning: boolean;
}

export function statusLook(status: RelayStatus): StatusLook {
  switch (status.kind) {
    case 'connected':
      return { text: '$(radio-tower) Hookline: Connected', tooltip: `Connected to relay ${status.relayVersion} at ${status.url}`, warning: false };
    case 'connecting':
      return { text: '$(sync~spin) Hookline: Connecting', tooltip: `Connecting to ${status.url}…`, warning: false };
    case 'reconnecting':
      return { text: '$(sync~spin) Hookline: Reconnecting', tooltip: `${status.reason} Retrying (attempt ${status.attempt}).`, warning: true };
    case 'notRunning':
      return { text: '$(debug-disconnect) Hookline: Not running', tooltip: `${status.reason} Click to start the relay.`, warning: true };
    case 'unauthorized':
      return { text: '$(key) Hookline: Token refused', tooltip: status.reason, warning: true };
    case 'stopped':
      return { text: '$(debug-disconnect) Hookline: Disconnected', tooltip: 'Not connected to the Hookline relay.', warning: false };
  }
}

export class ConnectionStatusBar implements Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('hookline.connection', vscode.StatusBarAlignment.Left, 20);
    this.item.name = 'Hookline Connection';
    this.item.command = COMMANDS.showConnectionActions;
    this.item.show();
  }

  update(status: RelayStatus): void {
    const look = statusLook(status);
    this.item.text = look.text;
    this.item.tooltip = `${look.tooltip}\n\nClick for actions.`;
    this.item.backgroundColor = look.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: look.text.replace(/\$\([^)]*\)\s*/g, '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}
