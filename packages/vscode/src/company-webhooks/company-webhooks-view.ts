/**
 * The Company Webhooks webview view. The page itself is @hookline/webui (shared with the relay's web page),
 * bundled into dist/webview; this provider serves it with a strict CSP and wires the message bridge. State
 * survives hide/show through the page's getState/setState, not retainContextWhenHidden.
 */
import * as vscode from 'vscode';
import type { RelayTransport } from '@hookline/core';
import { COMMANDS } from '../commands/command-ids.js';
import type { Disposable } from '../lifecycle.js';
import type { HostCommand } from '../webview-protocol/webview-messages.js';
import { WebviewBridge } from './webview-bridge.js';
import type { BridgeConnection } from './webview-bridge.js';
import { makeNonce, webviewHtml } from './webview-html.js';

export class CompanyWebhooksView implements vscode.WebviewViewProvider, Disposable {
  private bridge: WebviewBridge | null = null;
  private view: vscode.WebviewView | null = null;
  private viewDisposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the page finishes its handshake (tests wait on it). */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly transport: RelayTransport,
    private readonly connection: BridgeConnection,
    private readonly log: (line: string) => void,
  ) {}

  get isReady(): boolean {
    return this.bridge?.ready ?? false;
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [root] };
    const asset = (name: string): string => view.webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    view.webview.html = webviewHtml({
      cspSource: view.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset('main.js'),
      styleUris: [asset('main.css')],
    });
    const bridge = new WebviewBridge({
      transport: this.transport,
      connection: this.connection,
      post: (message) => void view.webview.postMessage(message),
      runCommand: (command: HostCommand) => void vscode.commands.executeCommand(command === 'startRelay' ? COMMANDS.startRelay : COMMANDS.connect),
      log: this.log,
    });
    this.bridge = bridge;
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => {
        const wasReady = bridge.ready;
        bridge.handle(message);
        if ((message as { type?: unknown })?.type === 'ready' || (!wasReady && bridge.ready)) this.readyEmitter.fire();
      }),
      view.onDidDispose(() => this.disposeView()),
    );
  }

  dispose(): void {
    this.disposeView();
    this.readyEmitter.dispose();
  }

  private disposeView(): void {
    this.bridge?.dispose();
    this.bridge = null;
    this.view = null;
    for (const disposable of this.viewDisposables.splice(0)) disposable.dispose();
  }
}
