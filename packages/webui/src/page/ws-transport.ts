/**
 * The web page's RelayTransport: a frame adapter between the browser's WebSocket and the shared RelayClient
 * (requests, pushes, hello and the transport contract live there). The browser sends the session cookie with
 * the upgrade; the relay checks it together with the Origin. Reconnects with the shared back-off.
 */
import type { ConnectionState, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';
import { DEFAULT_BACKOFF, RelayClient, backoffDelay } from '../client/index.js';
import type { BackoffOptions } from '../client/index.js';

export interface WebSocketTransportOptions {
  url: string;
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Called when a connection attempt fails before opening (the session may have ended). */
  onConnectFailure?: () => void;
  createSocket?: (url: string) => WebSocket;
}

export class WebSocketTransport implements RelayTransport {
  private readonly client: RelayClient;
  private socket: WebSocket | null = null;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: WebSocketTransportOptions) {
    const clientOptions: ConstructorParameters<typeof RelayClient>[0] = {
      idPrefix: 'page',
      unreachable: () => 'The relay is not reachable. Is it still running?',
      onRefused: () => this.socket?.close(1002, 'Unsupported protocol version'),
    };
    if (options.requestTimeoutMs !== undefined) clientOptions.requestTimeoutMs = options.requestTimeoutMs;
    this.client = new RelayClient(clientOptions);
    this.client.onConnectionState((state) => {
      if (state === 'connected') this.failures = 0;
    });
  }

  connect(): void {
    if (this.closed || this.socket) return;
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.client.attach((request) => socket.send(JSON.stringify(request)));
    });
    socket.addEventListener('message', (event) => this.client.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closed) return;
      this.client.detach('The connection to the relay was lost');
      if (!opened) this.options.onConnectFailure?.();
      this.scheduleReconnect();
    });
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'Page closed');
    this.client.stop('The page closed the connection to the relay.');
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

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }
}
