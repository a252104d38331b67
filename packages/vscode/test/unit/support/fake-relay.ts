/**
 * An in-memory relay that speaks the protocol's frames, behind the shared RelayClient (`transport`), exactly as
 * the real relay sits behind a WebSocket: deliveries with ids and change sequences, keyset pages (newest first,
 * opaque cursors), the backlog since a sequence, redelivery, health, hello and pushes. Requests and replies are
 * correlated by the client's RequestTracker, not here. `delivery-log-contract.test.ts` runs the same suite
 * against this fake and the real relay, so the two cannot drift.
 */
import { BACKLOG_PAGE_SIZE, DELIVERY_PAGE_SIZE, HooklineError, PROTOCOL_VERSION, isFailureStatus } from '@hookline/core';
import type { ClientRequest, DeliveryStatus, DeliverySummary, HookHealth, PushMessage, RequestMap, RequestType, ServerMessage } from '@hookline/core';
import { RelayClient } from '@hookline/webui/client';

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
    replayOf: null,
    ...extra,
  };
}

const cursorFor = (id: number): string => Buffer.from(`d:${id}`).toString('base64url');
const idOf = (cursor: string): number => Number(Buffer.from(cursor, 'base64url').toString().slice(2));

export class FakeRelay {
  deliveries = new Map<number, DeliverySummary>();
  seq = 0;
  /** What `health.get` answers. */
  health: HookHealth[] = [];
  requests: { type: RequestType; params: unknown }[] = [];
  /** When set, every request is refused with it (a relay that fails). */
  refuseWith: HooklineError | null = null;
  /** What new tries end as: delivered, or retrying (the endpoint fails). */
  failing = false;
  readonly transport = new RelayClient({ idPrefix: 'fake' });
  private connected = false;

  /** Creates n deliveries (ids ascending) silently, returning them oldest first. */
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
    const next = { ...current, status, changeSeq: ++this.seq, attemptCount: current.attemptCount + 1, lastResponseStatus: status === 'delivered' ? 200 : 500 };
    this.deliveries.set(id, next);
    return next;
  }

  /** As the relay does for n events: each delivery is created (pushed), then tried (pushed in its new state). */
  deliver(n: number): DeliverySummary[] {
    const created = this.create(n, 'enqueued');
    if (this.connected) this.push({ type: 'delivery.created', deliveries: created });
    const tried = created.map((d) => this.update(d.id, this.failing ? 'retrying' : 'delivered'));
    if (this.connected) this.push({ type: 'delivery.updated', deliveries: tried });
    return tried;
  }

  /** Another data dir: the history starts over. */
  replaceHistory(): void {
    this.deliveries = new Map();
    this.seq = 0;
  }

  push(message: PushMessage): void {
    this.send(message);
  }

  /** A (re)connection: the client's channel opens and the relay says hello. */
  hello(protocol: number = PROTOCOL_VERSION): void {
    if (this.connected) this.transport.detach('The fake relay reconnected');
    this.connected = true;
    this.transport.attach((request) => this.serve(request));
    this.send({ type: 'hello', protocol: protocol as typeof PROTOCOL_VERSION, relayVersion: '0.1.0', lastSeq: this.seq });
  }

  /** The connection drops. */
  drop(): void {
    this.connected = false;
    this.transport.detach('The fake relay dropped the connection');
  }

  private send(message: ServerMessage): void {
    this.transport.receive(JSON.stringify(message));
  }

  private serve(request: ClientRequest): void {
    this.requests.push({ type: request.type, params: request.params });
    setImmediate(() => {
      if (!this.connected) return;
      try {
        if (this.refuseWith) throw this.refuseWith;
        const result = this.answer(request.type, request.params);
        this.send({ type: 'reply', id: request.id, request: request.type, result } as ServerMessage);
      } catch (error) {
        const body = error instanceof HooklineError ? error.toBody().error : { code: 'HOOKLINE_ERR_INTERNAL' as const, message: String(error) };
        this.send({ type: 'error', id: request.id, error: body });
      }
    });
  }

  private answer(type: RequestType, params: unknown): unknown {
    if (type === 'deliveries.list') {
      const query = params as RequestMap['deliveries.list']['params'];
      const below = query.cursor === undefined ? Infinity : idOf(query.cursor);
      const limit = query.limit ?? DELIVERY_PAGE_SIZE;
      const rows = [...this.deliveries.values()]
        .filter((d) => d.id < below && (query.status !== 'failures' || isFailureStatus(d.status)) && (query.hookId === undefined || d.hookId === query.hookId))
        .sort((a, b) => b.id - a.id);
      const data = rows.slice(0, limit);
      const last = data[data.length - 1];
      return { data, nextCursor: rows.length > limit && last ? cursorFor(last.id) : null };
    }
    if (type === 'backlog.get') {
      const { since, limit = BACKLOG_PAGE_SIZE } = params as RequestMap['backlog.get']['params'];
      const changed = [...this.deliveries.values()].filter((d) => d.changeSeq > since).sort((a, b) => a.changeSeq - b.changeSeq);
      const deliveries = changed.slice(0, limit);
      const more = changed.length > limit;
      return { deliveries, lastSeq: more ? (deliveries[deliveries.length - 1]?.changeSeq ?? since) : this.seq, more };
    }
    if (type === 'delivery.redeliver') {
      const { deliveryId } = params as RequestMap['delivery.redeliver']['params'];
      if (!this.deliveries.has(deliveryId)) throw new HooklineError('HOOKLINE_ERR_DELIVERY_NOT_FOUND', `No delivery ${deliveryId}.`);
      const delivery = this.update(deliveryId, this.failing ? 'retrying' : 'delivered');
      setImmediate(() => this.push({ type: 'delivery.updated', deliveries: [delivery] }));
      return { delivery };
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
