/**
 * The relay protocol above any socket: requests with replies (RequestTracker), pushes, the connection state and
 * the hello handshake with its protocol check. A transport is a thin frame adapter around one of these: it calls
 * `attach(send)` when its channel opens, `receive(frame)` for every frame and `detach(reason)` when it closes.
 * The rules it keeps are core's transport contract (`packages/core/src/transport.ts`).
 */
import { PROTOCOL_VERSION, errorMessage, REQUEST_TIMEOUT_MS, isServerMessage } from '@hookline/core';
import type { ClientRequest, ConnectionState, HelloMessage, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';
import { RelayClientError } from './relay-client-error.js';
import { RequestTracker } from './request-tracker.js';
import type { Timers } from './timers.js';

export interface RelayClientOptions {
  /** Request ids are `<idPrefix>-<n>`. */
  idPrefix: string;
  requestTimeoutMs?: number;
  /** Why the relay cannot be reached, with what to do, for requests that time out unsent. */
  unreachable?: () => string;
  /** The relay said hello with another protocol: the adapter should close its channel (and retry later). */
  onRefused?: (error: RelayClientError) => void;
  log?: (line: string) => void;
  timers?: Timers;
}

type Listener<T> = (value: T) => void;

export class RelayClient implements RelayTransport {
  private readonly tracker: RequestTracker;
  private readonly pushListeners = new Set<Listener<PushMessage>>();
  private readonly stateListeners = new Set<Listener<ConnectionState>>();
  private send: ((request: ClientRequest) => void) | null = null;
  private currentState: ConnectionState = 'connecting';
  private currentHello: HelloMessage | null = null;
  /** Set by a hello with another protocol: requests fail with it until a good hello. */
  private refusal: RelayClientError | null = null;
  private stoppedReason: string | null = null;

  constructor(private readonly options: RelayClientOptions) {
    const trackerOptions: ConstructorParameters<typeof RequestTracker>[0] = { prefix: options.idPrefix, timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS };
    if (options.unreachable) trackerOptions.unreachable = options.unreachable;
    if (options.timers) trackerOptions.timers = options.timers;
    this.tracker = new RequestTracker(trackerOptions);
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** The hello of the current connection; null while not connected. */
  get hello(): HelloMessage | null {
    return this.currentHello;
  }

  /** Requests waiting for an answer or to be sent. */
  get pendingCount(): number {
    return this.tracker.size;
  }

  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    if (this.stoppedReason !== null) return Promise.reject(RelayClientError.unreachable(this.stoppedReason, type));
    if (this.refusal) return Promise.reject(new RelayClientError(this.refusal.code, this.refusal.message, 'client', type));
    const { request, promise } = this.tracker.add(type, params);
    if (this.currentState === 'connected') this.transmit(request);
    return promise;
  }

  onPush(listener: Listener<PushMessage>): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onConnectionState(listener: Listener<ConnectionState>): () => void {
    this.stateListeners.add(listener);
    listener(this.currentState);
    return () => this.stateListeners.delete(listener);
  }

  /** The channel is open: `send` writes one request frame; requests go out once the relay says hello. Undoes `stop`. */
  attach(send: (request: ClientRequest) => void): void {
    this.stoppedReason = null;
    this.send = send;
  }

  /** Every frame from the relay: text (parsed here) or an already parsed object. */
  receive(frame: unknown): void {
    let message: unknown = frame;
    if (typeof frame === 'string') {
      try {
        message = JSON.parse(frame);
      } catch {
        this.options.log?.('Ignored a frame that is not JSON.');
        return;
      }
    }
    if (!isServerMessage(message) || this.send === null) return;
    if (message.type === 'reply' || message.type === 'error') {
      if (!this.tracker.settle(message) && message.type === 'error') this.options.log?.(`Relay error: ${message.error.message}`);
      return;
    }
    if (message.type === 'hello') {
      this.onHello(message);
      return;
    }
    if (this.currentState === 'connected') this.emitPush(message);
  }

  /** The channel closed: requests on it fail, the others wait for the next hello. */
  detach(reason: string): void {
    this.send = null;
    this.currentHello = null;
    this.tracker.rejectSent(reason);
    this.setState('disconnected');
  }

  /** Closed for good until `attach` again: everything waiting fails, and new requests fail at once. */
  stop(reason: string): void {
    this.detach(reason);
    this.stoppedReason = reason;
    this.tracker.rejectAll((type) => RelayClientError.unreachable(reason, type));
  }

  private onHello(hello: HelloMessage): void {
    const protocol: unknown = (hello as { protocol?: unknown }).protocol;
    if (protocol !== PROTOCOL_VERSION) {
      const error = new RelayClientError(
        'HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION',
        errorMessage('HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION', { relayVersion: String(hello.relayVersion), relayProtocol: String(protocol), clientProtocol: PROTOCOL_VERSION }),
        'client',
      );
      this.refusal = error;
      this.currentHello = null;
      this.tracker.rejectAll((type) => new RelayClientError(error.code, error.message, 'client', type));
      this.setState('disconnected');
      this.options.log?.(error.message);
      this.options.onRefused?.(error);
      return;
    }
    this.refusal = null;
    this.currentHello = hello;
    this.setState('connected');
    for (const request of this.tracker.unsent()) this.transmit(request);
    this.emitPush(hello);
  }

  private transmit(request: ClientRequest): void {
    const send = this.send;
    if (!send) return;
    this.tracker.markSent(request.id);
    try {
      send(request);
    } catch (error) {
      this.tracker.reject(request.id, RelayClientError.unreachable(`Could not send "${request.type}": ${error instanceof Error ? error.message : String(error)}`, request.type));
    }
  }

  private emitPush(message: PushMessage): void {
    for (const listener of [...this.pushListeners]) listener(message);
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
