/**
 * A RelayTransport for the webview: requests go to the extension with postMessage and come back as `reply`
 * messages with the same id; pushes and connection changes arrive as messages too. UI code (@hookline/webui)
 * sees only RelayTransport, exactly as on the relay's own web page.
 */
import { HooklineError } from '@hookline/core';
import type { ConnectionState, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';
import type { HostToWebview, WebviewToHost } from '../webview-protocol/webview-messages.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PostMessageTransport implements RelayTransport {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly pushListeners = new Set<(message: PushMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = 'connecting';

  constructor(private readonly post: (message: WebviewToHost) => void, private readonly timeoutMs = 20_000) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    const id = this.nextId++;
    return new Promise<RequestMap[K]['result']>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HooklineError('HOOKLINE_ERR_RELAY_UNREACHABLE', `The relay did not answer "${type}" in time.`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.post({ type: 'request', id, request: type, params: params as Record<string, unknown> });
    });
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Feed every message from the extension here. */
  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'reply': {
        const entry = this.pending.get(message.id);
        if (!entry) return;
        this.pending.delete(message.id);
        clearTimeout(entry.timer);
        if (message.ok) entry.resolve(message.result);
        else entry.reject(new HooklineError(message.error.code, message.error.message, message.error.field === undefined ? {} : { field: message.error.field }));
        return;
      }
      case 'push':
        for (const listener of [...this.pushListeners]) listener(message.message);
        return;
      case 'init':
      case 'connection':
        this.setState(message.connection);
        return;
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
