/** The extension's settings (`hookline.relay.*`), read fresh each time so a change applies at the next connect. */
import * as vscode from 'vscode';
import type { RelaySettings } from '../relay/relay-endpoint.js';

export const SETTINGS_SECTION = 'hookline.relay';

export function readSettings(): RelaySettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    url: config.get<string>('url', 'http://127.0.0.1:4545'),
    token: config.get<string>('token', ''),
    dataDir: config.get<string>('dataDir', ''),
    cliPath: config.get<string>('cliPath', ''),
    autoStart: config.get<boolean>('autoStart', true),
  };
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
