/**
 * The Company Webhooks page in one webview, wherever it is shown (the sidebar view or an editor tab): the page
 * itself is @hookline/webui (shared with the relay's web page), bundled into dist/webview; this serves it with a
 * strict CSP and wires the message bridge. State survives hide/show through the page's getState/setState.
 */
import * as vscode from 'vscode';
import type { RelayTransport } from '@hookline/core';
import { COMMANDS } from '../commands/command-ids.js';
import type { Disposable } from '../lifecycle.js';
import type { HostCommand } from '../webview-protocol/webview-messages.js';
import { WebviewBridge } from './webview-bridge.js';
import type { BridgeConnection } from './webview-bridge.js';
import { makeNonce, webviewHtml } from './webview-html.js';

export interface CompanyWebhooksPageDeps {
  extensionUri: vscode.Uri;
  transport: RelayTransport;
  connection: BridgeConnection;
  log: (line: string) => void;
  /** Each time the page finishes its handshake. */
  onReady: () => void;
}

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export class CompanyWebhooksPage implements Disposable {
  private readonly bridge: WebviewBridge;
  private readonly listener: vscode.Disposable;

  constructor(webview: vscode.Webview, deps: CompanyWebhooksPageDeps) {
    const root = webviewRoot(deps.extensionUri);
    webview.options = { enableScripts: true, localResourceRoots: [root] };
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    webview.html = webviewHtml({ cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: asset('main.js'), styleUris: [asset('main.css')] });
    const bridge = new WebviewBridge({
      transport: deps.transport,
      connection: deps.connection,
      post: (message) => void webview.postMessage(message),
      runCommand: (command: HostCommand) => void vscode.commands.executeCommand(command === 'startRelay' ? COMMANDS.startRelay : COMMANDS.connect),
      log: deps.log,
    });
    this.bridge = bridge;
    this.listener = webview.onDidReceiveMessage((message: unknown) => {
      const wasReady = bridge.ready;
      bridge.handle(message);
      if ((message as { type?: unknown })?.type === 'ready' || (!wasReady && bridge.ready)) deps.onReady();
    });
  }

  get ready(): boolean {
    return this.bridge.ready;
  }

  dispose(): void {
    this.bridge.dispose();
    this.listener.dispose();
  }
}
