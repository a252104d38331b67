/**
 * The extension's one connection to the relay's WebSocket: a frame adapter between Node's `ws` and the shared
 * RelayClient (requests, pushes, hello and the transport contract live there), plus what only the extension
 * needs: a visible status, a ping/pong heartbeat and automatic reconnect with back-off. It never gives up while
 * started: a relay that stops, restarts or was never running is picked up again as soon as it answers.
 */
import WebSocket from 'ws';
import type { ConnectionState, HelloMessage, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';
import { DEFAULT_BACKOFF, RelayClient, backoffDelay } from '@hookline/webui/client';
import type { BackoffOptions } from '@hookline/webui/client';
import type { Disposable } from '../lifecycle.js';
import { Emitter } from '../lifecycle.js';
import type { RelayEndpoint } from './relay-endpoint.js';

export type RelayStatus =
  | { kind: 'stopped' }
  | { kind: 'connecting'; url: string }
  | { kind: 'connected'; url: string; relayVersion: string }
  /** Lost a working connection, or the relay answered oddly: retrying. */
  | { kind: 'reconnecting'; url: string; attempt: number; retryAt: number; reason: string }
  /** Nothing listens at the URL: retrying, slowly. */
  | { kind: 'notRunning'; url: string; attempt: number; retryAt: number; reason: string }
  /** The relay refused our token: retrying, since the token file may appear or change. */
  | { kind: 'unauthorized'; url: string; attempt: number; retryAt: number; reason: string };

export interface RelayConnectionOptions {
  /** Read before every attempt, so a changed setting or a new token file is picked up. */
  endpoint: () => RelayEndpoint;
  backoff?: BackoffOptions;
  heartbeatMs?: number;
  helloTimeoutMs?: number;
  requestTimeoutMs?: number;
  log?: (line: string) => void;
}

type Failure = { kind: 'reconnecting' | 'notRunning' | 'unauthorized'; reason: string };

const NOT_RUNNING_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ECONNRESET']);

/**
 * Core's three states: `connecting` only before the first answer; a lost connection reads `disconnected` until
 * it is back, so UIs know to reload what they may have missed.
 */
export function toConnectionState(status: RelayStatus): ConnectionState {
  if (status.kind === 'connected') return 'connected';
  if (status.kind === 'connecting') return 'connecting';
  return 'disconnected';
}

export class RelayConnection implements RelayTransport, Disposable {
  private socket: WebSocket | null = null;
  private generation = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private helloTimer: ReturnType<typeof setTimeout> | null = null;
  private awaitingPong = false;
  private lastFailure: Failure | null = null;
  private current: RelayStatus = { kind: 'stopped' };
  private endpointUrl = '';
  private readonly client: RelayClient;
  private readonly statusEmitter = new Emitter<RelayStatus>();
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: RelayConnectionOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    const clientOptions: ConstructorParameters<typeof RelayClient>[0] = {
      idPrefix: 'vscode',
      unreachable: () => `Hookline is not connected to the relay${this.endpointUrl ? ` at ${this.endpointUrl}` : ''}. Start it with "Hookline: Start Relay".`,
      onRefused: (error) => {
        this.lastFailure = { kind: 'reconnecting', reason: error.message };
        this.socket?.terminate();
      },
    };
    if (options.requestTimeoutMs !== undefined) clientOptions.requestTimeoutMs = options.requestTimeoutMs;
    if (options.log) clientOptions.log = options.log;
    this.client = new RelayClient(clientOptions);
    // Registered first, so every other listener already sees the status "connected" when it hears of it.
    this.client.onConnectionState((state) => {
      const hello = this.client.hello;
      if (state === 'connected' && hello) this.onHello(hello);
    });
  }

  get status(): RelayStatus {
    return this.current;
  }

  /** The hello of the current connection; null while not connected. */
  get hello(): HelloMessage | null {
    return this.client.hello;
  }

  onStatus(listener: (status: RelayStatus) => void): () => void {
    return this.statusEmitter.on(listener);
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    return this.client.onPush(listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    return this.client.onConnectionState(listener);
  }

  /** Connects now if stopped; a no-op while connected or connecting. */
  start(): void {
    if (this.current.kind === 'stopped') this.open();
  }

  /** Drops any connection and tries again at once with a fresh endpoint (settings, token) and no back-off. */
  reconnectNow(): void {
    this.attempt = 0;
    this.teardown('Reconnecting on request');
    this.open();
  }

  stop(): void {
    this.teardown('Disconnected');
    this.client.stop('Hookline is not connected to the relay (the connection was stopped).');
    this.setStatus({ kind: 'stopped' });
  }

  /** Queued while not connected (core's transport contract); fails at once only when stopped. */
  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    return this.client.request(type, params);
  }

  dispose(): void {
    this.stop();
    this.statusEmitter.dispose();
  }

  private open(): void {
    this.clearRetry();
    const generation = ++this.generation;
    let endpoint: RelayEndpoint;
    try {
      endpoint = this.options.endpoint();
    } catch (error) {
      this.fail(generation, { kind: 'notRunning', reason: error instanceof Error ? error.message : String(error) }, '(invalid URL)');
      return;
    }
    // While retrying, the status stays "reconnecting" / "not running" until an attempt succeeds: no flapping.
    const current = this.current;
    const retrying = (current.kind === 'reconnecting' || current.kind === 'notRunning' || current.kind === 'unauthorized') && current.url === endpoint.httpUrl;
    this.endpointUrl = endpoint.httpUrl;
    if (!retrying) this.setStatus({ kind: 'connecting', url: endpoint.httpUrl });
    this.lastFailure = null;
    const headers: Record<string, string> = endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {};
    const socket = new WebSocket(endpoint.wsUrl, { headers, handshakeTimeout: 10_000, maxPayload: 64 * 1024 * 1024 });
    this.socket = socket;
    const live = (): boolean => generation === this.generation;

    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      const reason =
        status === 401
          ? endpoint.token
            ? `The relay refused the token from ${endpoint.tokenSource}.`
            : `No token found at ${endpoint.tokenSource}; set hookline.relay.token or hookline.relay.dataDir.`
          : `The relay answered the WebSocket upgrade with HTTP ${status}.`;
      if (live()) this.lastFailure = { kind: status === 401 || status === 403 ? 'unauthorized' : 'reconnecting', reason };
      response.resume();
      // Handling this event makes aborting our job; terminate() aborts the handshake and emits close.
      socket.terminate();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!live() || this.lastFailure) return;
      const notRunning = error.code !== undefined && NOT_RUNNING_CODES.has(error.code) && this.current.kind !== 'connected';
      this.lastFailure = { kind: notRunning ? 'notRunning' : 'reconnecting', reason: notRunning ? `Nothing answers at ${endpoint.httpUrl} (${error.code}).` : error.message };
    });
    socket.on('open', () => {
      if (!live()) return;
      this.client.attach((request) => {
        socket.send(JSON.stringify(request), (error) => {
          // The close that follows fails the requests sent on this socket.
          if (error && live()) socket.terminate();
        });
      });
      this.helloTimer = setTimeout(() => {
        this.lastFailure = { kind: 'reconnecting', reason: 'The relay did not say hello.' };
        socket.terminate();
      }, this.options.helloTimeoutMs ?? 10_000);
    });
    socket.on('message', (data, isBinary) => {
      if (!live()) return;
      this.awaitingPong = false;
      if (!isBinary) this.client.receive(String(data));
    });
    socket.on('pong', () => {
      this.awaitingPong = false;
    });
    socket.on('close', (code, reasonBuffer) => {
      if (!live()) return;
      const reason = this.lastFailure ?? { kind: 'reconnecting' as const, reason: `The connection closed (${code}${reasonBuffer.length ? `: ${String(reasonBuffer)}` : ''}).` };
      this.fail(generation, reason, endpoint.httpUrl);
    });
  }

  private onHello(hello: HelloMessage): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.attempt = 0;
    this.startHeartbeat();
    this.setStatus({ kind: 'connected', url: this.endpointUrl, relayVersion: hello.relayVersion });
    this.options.log?.(`Connected to relay ${hello.relayVersion} at ${this.endpointUrl} (lastSeq ${hello.lastSeq}).`);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.awaitingPong = false;
    this.heartbeatTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (this.awaitingPong) {
        this.lastFailure = { kind: 'reconnecting', reason: 'The relay stopped answering heartbeats.' };
        socket.terminate();
        return;
      }
      this.awaitingPong = true;
      socket.ping();
    }, this.options.heartbeatMs ?? 15_000);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private fail(generation: number, failure: Failure, url: string): void {
    if (generation !== this.generation) return;
    this.teardown(failure.reason);
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.setStatus({ kind: failure.kind, url, attempt: this.attempt, retryAt: Date.now() + delay, reason: failure.reason });
    this.options.log?.(`${failure.reason} Retrying in ${(delay / 1000).toFixed(1)} s.`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private teardown(reason: string): void {
    this.generation += 1;
    this.clearRetry();
    this.stopHeartbeat();
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners('message');
      socket.on('error', () => {});
      socket.terminate();
    }
    this.client.detach(reason);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(status: RelayStatus): void {
    this.current = status;
    this.statusEmitter.fire(status);
  }
}
