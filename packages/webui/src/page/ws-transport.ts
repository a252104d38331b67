/**
 * RelayTransport over the relay's WebSocket, for the web page. The browser sends the session cookie with the
 * upgrade; the relay checks it together with the Origin. Reconnects with back-off and keeps requests made
 * while the connection is down until it is back (or they time out).
 */
import { isPushMessage, isServerMessage } from '@hookline/core';
import type { ConnectionState, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';

export class RelayRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RelayRequestError';
  }
}

interface Outgoing {
  frame: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

export interface WebSocketTransportOptions {
  url: string;
  requestTimeoutMs?: number;
  /** Called when a connection attempt fails before opening (the session may have ended). */
  onConnectFailure?: () => void;
  createSocket?: (url: string) => WebSocket;
}

const MAX_BACKOFF_MS = 5000;

export class WebSocketTransport implements RelayTransport {
  private socket: WebSocket | null = null;
  private state: ConnectionState = 'connecting';
  private readonly pending = new Map<string, Outgoing>();
  private readonly pushListeners = new Set<(message: PushMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private nextId = 1;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: WebSocketTransportOptions) {}

  connect(): void {
    if (this.closed || this.socket) return;
    this.setState('connecting');
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.failures = 0;
      this.setState('connected');
      for (const outgoing of this.pending.values()) this.transmit(outgoing);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      this.socket = null;
      // Requests already on the dead socket will never be answered.
      for (const [id, outgoing] of this.pending) {
        if (!outgoing.sent) continue;
        this.settle(id);
        outgoing.reject(new RelayRequestError('HOOKLINE_ERR_RELAY_UNREACHABLE', 'The connection to the relay was lost before it answered. Try again.'));
      }
      if (this.closed) return;
      this.setState('disconnected');
      if (!opened) this.options.onConnectFailure?.();
      this.scheduleReconnect();
    });
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'Page closed');
    this.socket = null;
    for (const [id, outgoing] of this.pending) {
      this.settle(id);
      outgoing.reject(new RelayRequestError('HOOKLINE_ERR_RELAY_UNREACHABLE', 'The page closed the connection.'));
    }
  }

  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    return new Promise((resolve, reject) => {
      const id = `r${this.nextId++}`;
      const timeoutMs = this.options.requestTimeoutMs ?? 15_000;
      const outgoing: Outgoing = {
        frame: JSON.stringify({ type, id, params }),
        resolve: resolve as (result: unknown) => void,
        reject,
        sent: false,
        timer: setTimeout(() => {
          this.settle(id);
          reject(new RelayRequestError('HOOKLINE_ERR_RELAY_UNREACHABLE', `The relay did not answer within ${Math.round(timeoutMs / 1000)} s. Is it still running?`));
        }, timeoutMs),
      };
      this.pending.set(id, outgoing);
      if (this.closed) {
        this.settle(id);
        reject(new RelayRequestError('HOOKLINE_ERR_RELAY_UNREACHABLE', 'The connection to the relay is closed.'));
        return;
      }
      if (this.state === 'connected') this.transmit(outgoing);
    });
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private transmit(outgoing: Outgoing): void {
    if (outgoing.sent || !this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    outgoing.sent = true;
    this.socket.send(outgoing.frame);
  }

  private settle(id: string): void {
    const outgoing = this.pending.get(id);
    if (outgoing) clearTimeout(outgoing.timer);
    this.pending.delete(id);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!isServerMessage(message)) return;
    if (message.type === 'reply' || message.type === 'error') {
      const id = message.id;
      const outgoing = id === null ? undefined : this.pending.get(id);
      if (!outgoing || id === null) return;
      this.settle(id);
      if (message.type === 'reply') outgoing.resolve(message.result);
      else outgoing.reject(new RelayRequestError(message.error.code, message.error.message, message.error.field));
      return;
    }
    if (isPushMessage(message)) for (const listener of [...this.pushListeners]) listener(message);
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private scheduleReconnect(): void {
    this.failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.failures - 1, 5));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }
}
