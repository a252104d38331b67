/**
 * An in-memory relay behind the RelayTransport interface: deliveries with ids and change sequences, keyset
 * pages (newest first, opaque cursors), the backlog since a sequence, and pushes. Enough to test the sync logic
 * without sockets; the real relay is exercised by the integration tests.
 */
import { HooklineError } from '@hookline/core';
import type { ConnectionState, DeliveryStatus, DeliverySummary, HookHealth, PushMessage, RelayTransport, RequestMap, RequestType } from '@hookline/core';

export function summary(id: number, changeSeq: number, status: DeliveryStatus = 'delivered', extra: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    id,
    hookId: 1,
    eventId: `59823243009469181${String(id).padStart(2, '0')}`,
    eventUlid: `01JF3Q4XG7M2N8P5R6S9T0V${String(id).padStart(3, '0')}`,
    resourceName: 'RFIs',
    eventType: 'update',
    resourceId: '54321',
    projectId: '1',
    status,
    payloadVersion: 'v2.0',
    attemptCount: status === 'enqueued' ? 0 : 1,
    firstFailureAt: null,
    nextAttemptAt: null,
    lastResponseStatus: status === 'delivered' ? 200 : status === 'enqueued' ? null : 500,
    lastDurationMs: status === 'enqueued' ? null : 12,
    lastErrorCode: null,
    changeSeq,
    createdAt: new Date(Date.now() - 120_000).toISOString(),
    updatedAt: new Date().toISOString(),
    ...extra,
  };
}

const FAILURES = new Set<DeliveryStatus>(['failed', 'retrying', 'discarded']);

export class FakeRelay implements RelayTransport {
  deliveries = new Map<number, DeliverySummary>();
  seq = 0;
  /** What `health.get` answers. */
  health: HookHealth[] = [];
  requests: { type: RequestType; params: unknown }[] = [];
  private pushListeners = new Set<(message: PushMessage) => void>();
  private stateListeners = new Set<(state: ConnectionState) => void>();

  /** Creates n deliveries (ids ascending), returning them oldest first. */
  create(n: number, status: DeliveryStatus = 'delivered'): DeliverySummary[] {
    const made: DeliverySummary[] = [];
    for (let i = 0; i < n; i += 1) {
      const id = this.deliveries.size === 0 ? 1 : Math.max(...this.deliveries.keys()) + 1;
      const delivery = summary(id, ++this.seq, status);
      this.deliveries.set(id, delivery);
      made.push(delivery);
    }
    return made;
  }

  update(id: number, status: DeliveryStatus): DeliverySummary {
    const current = this.deliveries.get(id);
    if (!current) throw new Error(`no delivery ${id}`);
    const next = { ...current, status, changeSeq: ++this.seq, lastResponseStatus: status === 'delivered' ? 200 : 500 };
    this.deliveries.set(id, next);
    return next;
  }

  push(message: PushMessage): void {
    for (const listener of [...this.pushListeners]) listener(message);
  }

  hello(): void {
    this.push({ type: 'hello', protocol: 1, relayVersion: '0.1.0', lastSeq: this.seq });
  }

  async request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    this.requests.push({ type, params });
    await Promise.resolve();
    return this.answer(type, params) as RequestMap[K]['result'];
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private answer(type: RequestType, params: unknown): unknown {
    if (type === 'deliveries.list') {
      const query = params as RequestMap['deliveries.list']['params'];
      const below = query.cursor === undefined ? Infinity : Number(Buffer.from(query.cursor, 'base64url').toString().slice(2));
      const limit = query.limit ?? 25;
      const rows = [...this.deliveries.values()]
        .filter((d) => d.id < below && (query.status !== 'failures' || FAILURES.has(d.status)))
        .sort((a, b) => b.id - a.id);
      const data = rows.slice(0, limit);
      const last = data[data.length - 1];
      const nextCursor = rows.length > limit && last ? Buffer.from(`d:${last.id}`).toString('base64url') : null;
      return { data, nextCursor };
    }
    if (type === 'backlog.get') {
      const { since, limit = 1000 } = params as RequestMap['backlog.get']['params'];
      const changed = [...this.deliveries.values()].filter((d) => d.changeSeq > since).sort((a, b) => a.changeSeq - b.changeSeq);
      const deliveries = changed.slice(0, limit);
      const more = changed.length > limit;
      return { deliveries, lastSeq: more ? (deliveries[deliveries.length - 1]?.changeSeq ?? since) : this.seq, more };
    }
    if (type === 'health.get') {
      const { hookId } = params as RequestMap['health.get']['params'];
      return { health: this.health.filter((h) => hookId === undefined || h.hookId === hookId) };
    }
    throw new HooklineError('HOOKLINE_ERR_UNKNOWN_MESSAGE', `FakeRelay does not answer ${type}`);
  }
}

/** Waits until the microtask queue and pending timers of the fake settle. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
