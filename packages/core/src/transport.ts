/**
 * How a UI talks to the relay, whatever carries the bytes: the web page uses the relay's WebSocket directly,
 * the VS Code webview posts messages to the extension, which forwards them. UI code depends only on this.
 */
import type { PushMessage, RequestMap, RequestType } from './protocol.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface RelayTransport {
  /** Sends a request and resolves with its typed result; rejects with the relay's coded error. */
  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']>;
  /** Every push from the relay (delivery.created, hook.updated, …). Returns an unsubscribe function. */
  onPush(listener: (message: PushMessage) => void): () => void;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
}
