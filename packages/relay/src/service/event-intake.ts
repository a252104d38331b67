/**
 * Resource changes in: one event (core's createResourceEvent), one delivery per active hook with an endpoint and
 * a matching trigger, each payload rendered for that hook's payload version. A project-scoped hook only gets
 * events of its own project. The event and its deliveries are committed, then handed to the engine, before
 * `ingest` resolves. Imported events (another relay's or Procore's history, with their own ids) take the same
 * path, many in one transaction; an event whose id is stored already is skipped.
 */
import { randomFillSync, randomInt } from 'node:crypto';
import {
  createEventIdGenerator,
  createResourceEvent,
  createUlidGenerator,
  INT64_MAX,
  renderPayload,
  summarizeDelivery,
  type Int64String,
} from '@hookline/core';
import type { ResourceEvent } from '@hookline/core';
import type { NewEventEntry } from '../delivery/change-writer.js';
import type { NewDeliveryRow } from '../store/deliveries-repo.js';
import type { ServiceContext } from './context.js';
import type { EventInput, ImportResult, IngestResult } from './types.js';

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

/**
 * Event ids keep increasing across restarts, even when the clock does not (or a test's clock stands still), and
 * stay above every imported id, so a new event never takes an id an imported one has.
 */
const RAISE_LIMIT = INT64_MAX - (1n << 40n);

class EventIds {
  private readonly generate: () => Int64String;
  private floor: bigint;

  constructor(lastStored: string | null, now: () => number) {
    this.generate = createEventIdGenerator(now);
    this.floor = lastStored === null ? 0n : BigInt(lastStored);
  }

  readonly next = (): Int64String => {
    let id = BigInt(this.generate());
    if (id <= this.floor) id = this.floor + 1n;
    this.floor = id;
    return id.toString();
  };

  /** An id near the top of the 64-bit range is left alone: new ids must still fit (the generator would throw). */
  raiseAbove(id: Int64String): void {
    const value = BigInt(id);
    if (value > this.floor && value < RAISE_LIMIT) this.floor = value;
  }
}

export class EventIntake {
  private readonly ids: EventIds;
  private readonly nextUlid: () => string;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly defaults: IntakeDefaults,
    private readonly eventNow: () => number,
  ) {
    this.ids = new EventIds(ctx.store.events.lastId(), eventNow);
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
        nextId: this.ids.next,
        nextUlid: this.nextUlid,
        now: this.eventNow,
        defaults: this.defaults,
        nextResourceId: () => String(randomInt(100_000, 1_000_000_000)),
      },
    );
    const deliveries = await this.ctx.writer.createDeliveries(event, this.deliveryRows(event));
    const summaries = deliveries.map(summarizeDelivery);
    this.ctx.engine.enqueue(deliveries);
    return { event, deliveries: summaries };
  }

  /**
   * Events that happened elsewhere, kept with their ids, ULIDs and timestamps (checked by the caller, e.g. with
   * core's restoreResourceEvent): all committed in one transaction, or none; an id stored already is skipped.
   */
  async importEvents(events: ResourceEvent[]): Promise<ImportResult> {
    const entries: NewEventEntry[] = events.map((event) => ({ event, rows: this.deliveryRows(event) }));
    for (const { event } of entries) this.ids.raiseAbove(event.id);
    const stored = await this.ctx.writer.createEvents(entries, true);
    const result: ImportResult = { imported: [], skipped: [], deliveries: [] };
    stored.forEach((deliveries, i) => {
      const event = entries[i]!.event;
      if (deliveries === null) {
        result.skipped.push(event.id);
        return;
      }
      result.imported.push(event);
      this.ctx.engine.enqueue(deliveries);
      result.deliveries.push(...deliveries.map(summarizeDelivery));
    });
    return result;
  }

  /** One delivery row per matching hook, its payload rendered for the hook's payload version. */
  private deliveryRows(event: ResourceEvent): NewDeliveryRow[] {
    return this.ctx.matcher
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
  }
}
