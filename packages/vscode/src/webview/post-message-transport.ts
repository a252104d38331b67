/**
 * The webview's RelayTransport: a frame adapter between postMessage and the shared RelayClient. Request frames
 * go to the extension, which answers them over its WebSocket; the relay's frames come back. The channel is open
 * while the extension says it is connected, and the client is connected on the relay's hello, exactly as on the
 * web page. UI code (@hookline/webui) sees only RelayTransport.
 */
import { FORWARDED_REQUEST_TIMEOUT_MS } from '@hookline/core';
import type { ConnectionState, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';
import { RelayClient } from '@hookline/webui/client';
import type { HostToWebview, WebviewToHost } from '../webview-protocol/webview-messages.js';

export class PostMessageTransport implements RelayTransport {
  private readonly client: RelayClient;
  private open = false;

  constructor(private readonly post: (message: WebviewToHost) => void, timeoutMs = FORWARDED_REQUEST_TIMEOUT_MS) {
    this.client = new RelayClient({ idPrefix: 'webview', requestTimeoutMs: timeoutMs, unreachable: () => 'Hookline is not connected to the relay.' });
  }

  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    return this.client.request(type, params);
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    return this.client.onPush(listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    return this.client.onConnectionState(listener);
  }

  /** Feed every message from the extension here. */
  receive(message: HostToWebview): void {
    if (message.type === 'relay') {
      this.client.receive(message.frame);
    } else if (message.connection === 'connected' && !this.open) {
      this.open = true;
      this.client.attach((frame) => this.post({ type: 'relay', frame }));
    } else if (message.connection === 'disconnected') {
      this.open = false;
      this.client.detach(message.detail ? `The extension lost the relay: ${message.detail}` : 'The extension lost the relay');
    }
  }
}
