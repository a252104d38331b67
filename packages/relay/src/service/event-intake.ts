/**
 * Resource changes in: one event (core's createResourceEvent), one delivery per active hook with an endpoint and
 * a matching trigger, each payload rendered for that hook's payload version. A project-scoped hook only gets
 * events of its own project. The event and its deliveries are committed, then handed to the engine, before
 * `ingest` resolves.
 */
import { randomFillSync, randomInt } from 'node:crypto';
import {
  createEventIdGenerator,
  createResourceEvent,
  createUlidGenerator,
  renderPayload,
  summarizeDelivery,
  type Int64String,
} from '@hookline/core';
import type { NewDeliveryRow } from '../store/deliveries-repo.js';
import type { ServiceContext } from './context.js';
import type { EventInput, IngestResult } from './types.js';

export interface IntakeDefaults {
  companyId: Int64String;
  projectId: Int64String;
  userId: Int64String;
}

/**
 * Random values for ULIDs, from crypto bytes fetched 4 KiB at a time: the ulid package's default asks for one
 * byte per character, which made ULIDs a visible share of the ingest path. Same distribution (byte / 256).
 */
function pooledRandom(): () => number {
  const pool = new Uint8Array(4096);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    return (pool[next++] as number) / 256;
  };
}

/** Event ids keep increasing across restarts, even when the clock does not (or a test's clock stands still). */
function eventIdsAbove(lastStored: string | null, now: () => number): () => Int64String {
  const generate = createEventIdGenerator(now);
  let floor = lastStored === null ? 0n : BigInt(lastStored);
  return () => {
    let id = BigInt(generate());
    if (id <= floor) id = floor + 1n;
    floor = id;
    return id.toString();
  };
}

export class EventIntake {
  private readonly nextId: () => Int64String;
  private readonly nextUlid: () => string;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly defaults: IntakeDefaults,
    private readonly eventNow: () => number,
  ) {
    this.nextId = eventIdsAbove(ctx.store.events.lastId(), eventNow);
    this.nextUlid = createUlidGenerator(eventNow, pooledRandom());
  }

  async ingest(input: EventInput): Promise<IngestResult> {
    const event = createResourceEvent(
      {
        resourceName: input?.resourceName,
        eventType: input?.eventType,
        resourceId: input?.resourceId,
        projectId: input?.projectId,
        companyId: input?.companyId,
        userId: input?.userId,
      },
      {
        nextId: this.nextId,
        nextUlid: this.nextUlid,
        now: this.eventNow,
        defaults: this.defaults,
        nextResourceId: () => String(randomInt(100_000, 1_000_000_000)),
      },
    );
    const rows: NewDeliveryRow[] = this.ctx.matcher
      .match(event.resourceName, event.eventType, event.projectId)
      .map((hook) => ({
        hookId: hook.id,
        eventId: event.id,
        eventUlid: event.ulid,
        resourceName: event.resourceName,
        eventType: event.eventType,
        resourceId: event.resourceId,
        projectId: event.projectId,
        payload: renderPayload(event, hook.payloadVersion),
        payloadVersion: hook.payloadVersion,
      }));
    const deliveries = await this.ctx.writer.createDeliveries(event, rows);
    const summaries = deliveries.map(summarizeDelivery);
    this.ctx.engine.enqueue(deliveries);
    return { event, deliveries: summaries };
  }
}
