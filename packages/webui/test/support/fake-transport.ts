/**
 * A scripted RelayTransport, connected from the start: handlers answer requests, the test pushes messages (a
 * `hello()` for what loads on hello) and changes the state, and records what was asked.
 */
import { PROTOCOL_VERSION } from '@hookline/core';
import type { ConnectionState, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';

type Handler = (params: unknown) => unknown;

export class FakeTransport implements RelayTransport {
  readonly sent: { type: RequestType; params: unknown }[] = [];
  private readonly handlers = new Map<RequestType, Handler>();
  private readonly pushListeners = new Set<(message: PushMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = 'connected';

  handle<K extends RequestType>(type: K, handler: (params: RequestMap[K]['params']) => RequestMap[K]['result'] | Promise<RequestMap[K]['result']>): this {
    this.handlers.set(type, handler as Handler);
    return this;
  }

  async request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    this.sent.push({ type, params });
    const handler = this.handlers.get(type);
    if (!handler) throw Object.assign(new Error(`no handler for ${type}`), { code: 'HOOKLINE_ERR_INTERNAL' });
    return (await handler(params)) as RequestMap[K]['result'];
  }

  requests(type: RequestType): unknown[] {
    return this.sent.filter((s) => s.type === type).map((s) => s.params);
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

  push(message: PushMessage): void {
    for (const listener of this.pushListeners) listener(message);
  }

  hello(lastSeq = 0): void {
    this.push({ type: 'hello', protocol: PROTOCOL_VERSION, relayVersion: '0.1.0', lastSeq });
  }

  setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  get listenerCount(): number {
    return this.pushListeners.size + this.stateListeners.size;
  }
}
