/**
 * The extension's end of the webview transport: answers the page's relay request frames over the one
 * WebSocket with reply or error frames, and relays pushes (hello included: the current one when the page says
 * ready) and connection changes while the page is listening. VS Code-free, so it is unit-tested with a fake
 * transport and a fake `post`.
 */
import { isHooklineError } from '@hookline/core';
import type { ClientRequest, ConnectionState, ErrorBody, HelloMessage, RelayTransport, ServerMessage } from '@hookline/core';
import type { Disposable } from '../lifecycle.js';
import { isWebviewToHost } from '../webview-protocol/webview-messages.js';
import type { HostCommand, HostToWebview } from '../webview-protocol/webview-messages.js';

export interface BridgeConnection {
  state(): ConnectionState;
  relayUrl(): string;
  detail(): string;
  /** The relay's hello on the current connection; null while not connected. */
  hello(): HelloMessage | null;
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
      case 'relay':
        void this.forward(raw.frame);
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  private onReady(): void {
    const { connection, transport } = this.options;
    const state = connection.state();
    this.options.post({ type: 'init', connection: state, relayUrl: connection.relayUrl(), detail: connection.detail() });
    // A (re)loaded page joins a connection that said hello long ago: it hears that hello now.
    const hello = connection.hello();
    if (state === 'connected' && hello) this.post({ type: 'relay', frame: hello });
    if (this.listening) return;
    this.listening = true;
    let last = state;
    this.unsubscribers.push(
      transport.onConnectionState((next) => {
        if (next === last) return;
        last = next;
        this.post({ type: 'connection', connection: next, relayUrl: connection.relayUrl(), detail: connection.detail() });
      }),
      transport.onPush((message) => this.post({ type: 'relay', frame: message })),
    );
  }

  private async forward(request: ClientRequest): Promise<void> {
    let frame: ServerMessage;
    try {
      const result = await this.options.transport.request(request.type, request.params as never);
      frame = { type: 'reply', id: request.id, request: request.type, result } as ServerMessage;
    } catch (error) {
      const body: ErrorBody['error'] = isHooklineError(error)
        ? error.toBody().error
        : { code: 'HOOKLINE_ERR_INTERNAL', message: error instanceof Error ? error.message : String(error) };
      frame = { type: 'error', id: request.id, error: body };
    }
    this.post({ type: 'relay', frame });
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) this.options.post(message);
  }
}
