/**
 * The extension's end of the webview transport: forwards the page's relay requests over the one WebSocket,
 * posts back typed replies, and relays pushes and connection changes while the page is listening.
 * VS Code-free, so it is unit-tested with a fake transport and a fake `post`.
 */
import { isHooklineError } from '@hookline/core';
import type { ConnectionState, RelayTransport, RequestType } from '@hookline/core';
import type { Disposable } from '../lifecycle.js';
import { isWebviewToHost } from '../webview-protocol/webview-messages.js';
import type { HostCommand, HostToWebview } from '../webview-protocol/webview-messages.js';

export interface BridgeConnection {
  state(): ConnectionState;
  relayUrl(): string;
  detail(): string;
}

export interface WebviewBridgeOptions {
  transport: RelayTransport;
  connection: BridgeConnection;
  post: (message: HostToWebview) => void;
  runCommand: (command: HostCommand) => void;
  log?: (line: string) => void;
}

export class WebviewBridge implements Disposable {
  private listening = false;
  private readonly unsubscribers: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly options: WebviewBridgeOptions) {}

  /** True once the page said `ready` (it has been sent `init`). */
  get ready(): boolean {
    return this.listening;
  }

  handle(raw: unknown): void {
    if (this.disposed) return;
    if (!isWebviewToHost(raw)) {
      this.options.log?.('Ignored an unknown message from the Company Webhooks page.');
      return;
    }
    switch (raw.type) {
      case 'ready':
        this.onReady();
        return;
      case 'command':
        this.options.runCommand(raw.command);
        return;
      case 'request':
        void this.forward(raw.id, raw.request, raw.params);
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  private onReady(): void {
    const { connection, transport } = this.options;
    this.options.post({ type: 'init', connection: connection.state(), relayUrl: connection.relayUrl(), detail: connection.detail() });
    if (this.listening) return;
    this.listening = true;
    this.unsubscribers.push(
      transport.onPush((message) => {
        if (message.type !== 'hello') this.post({ type: 'push', message });
      }),
      transport.onConnectionState((state) => this.post({ type: 'connection', connection: state, relayUrl: connection.relayUrl(), detail: connection.detail() })),
    );
  }

  private async forward(id: number, request: RequestType, params: Record<string, unknown>): Promise<void> {
    try {
      const result = await this.options.transport.request(request, params as never);
      this.post({ type: 'reply', id, ok: true, result });
    } catch (error) {
      const body = isHooklineError(error)
        ? error.toBody().error
        : { code: 'HOOKLINE_ERR_INTERNAL' as const, message: error instanceof Error ? error.message : String(error) };
      this.post({ type: 'reply', id, ok: false, error: body });
    }
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) this.options.post(message);
  }
}
