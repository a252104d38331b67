/**
 * Commands know the connection state: when the relay is not connected, a relay command explains why and offers
 * the next step instead of failing with a raw error.
 */
import * as vscode from 'vscode';
import type { RelayConnection } from '../relay/relay-connection.js';
import { COMMANDS } from './command-ids.js';

export async function ensureConnected(connection: RelayConnection): Promise<boolean> {
  const status = connection.status;
  if (status.kind === 'connected') return true;
  const detail = 'reason' in status ? ` ${status.reason}` : '';
  const choice = await vscode.window.showWarningMessage(`Hookline is not connected to the relay.${detail}`, 'Start Relay', 'Connect');
  if (choice === 'Start Relay') await vscode.commands.executeCommand(COMMANDS.startRelay);
  if (choice === 'Connect') await vscode.commands.executeCommand(COMMANDS.connect);
  return false;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
