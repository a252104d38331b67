/** Reading the delivery log (keyset pages, one delivery with its attempts, the backlog) and manual redelivery. */
import {
  BACKLOG_PAGE_SIZE,
  DELIVERY_PAGE_SIZE,
  HooklineError,
  MAX_BACKLOG,
  summarizeDelivery,
  type DeliveryPage,
  type DeliveryQuery,
  type DeliverySummary,
  type DeliveryWithAttempts,
  type ResourceEvent,
} from '@hookline/core';
import { decodeCursor, encodeCursor } from '../store/cursor.js';
import type { DeliveryFilter, DeliverySearchFilter } from '../store/deliveries-repo.js';
import { isRowId, requireHook, type ServiceContext } from './context.js';
import type { DeliverySearch, DeliverySearchResult } from './types.js';

/** The largest page `search` returns (Procore's own pages go up to 1000 here). */
export const MAX_SEARCH_LIMIT = 1000;

function invalidQuery(field: string, message: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_INVALID_QUERY', message, { field });
}

/** A list or replay query as the repo's filter (times as epoch ms). */
export function deliveryFilterOf(query: Omit<DeliveryQuery, 'limit' | 'cursor'>): DeliveryFilter {
  const filter: DeliveryFilter = {};
  if (query.hookId !== undefined && query.hookId !== null) filter.hookId = query.hookId;
  if (query.status !== undefined && query.status !== null) filter.status = query.status;
  if (query.resourceName !== undefined && query.resourceName !== null) filter.resourceName = query.resourceName;
  if (query.eventType !== undefined && query.eventType !== null) filter.eventType = query.eventType;
  if (query.resourceId !== undefined) filter.resourceId = query.resourceId;
  if (query.since !== undefined) filter.createdFrom = epochMs(query.since, 'since');
  if (query.until !== undefined) filter.createdBefore = epochMs(query.until, 'until');
  return filter;
}

export class DeliveryQueries {
  constructor(private readonly ctx: ServiceContext) {}

  /** Newest first; `nextCursor` is null on the last page. */
  list(query: DeliveryQuery = {}): DeliveryPage {
    const limit = query.limit ?? DELIVERY_PAGE_SIZE;
    const filter = deliveryFilterOf(query);
    if (query.cursor !== undefined && query.cursor !== null && query.cursor !== '') filter.beforeId = decodeCursor(query.cursor);
    const rows = this.ctx.store.deliveries.page(filter, limit + 1);
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
  }

  get(deliveryId: number): DeliveryWithAttempts {
    this.ctx.writer.flushNow(); // read our own writes: attempts may still sit in the batch
    const delivery = isRowId(deliveryId) ? this.ctx.store.deliveries.get(deliveryId) : undefined;
    if (!delivery) throw notFound(deliveryId);
    return { ...delivery, attempts: this.ctx.store.attempts.listForDelivery(delivery.id, delivery.payload) };
  }

  /** One hook's deliveries, newest first, each with its payload and attempts; see DeliverySearch. */
  search(search: DeliverySearch): DeliverySearchResult {
    const hook = requireHook(this.ctx, search.hookId);
    const filter: DeliverySearchFilter = { hookId: hook.id };
    if (search.statuses !== undefined) filter.statuses = [...new Set(search.statuses)];
    if (search.resourceName !== undefined) filter.resourceName = search.resourceName;
    if (search.eventType !== undefined) filter.eventType = search.eventType;
    if (search.createdFrom !== undefined) filter.createdFrom = epochMs(search.createdFrom, 'start');
    if (search.createdBefore !== undefined) filter.createdBefore = epochMs(search.createdBefore, 'end');
    if (search.beforeId !== undefined) filter.beforeId = search.beforeId;
    this.ctx.writer.flushNow(); // read our own writes: the newest attempts may still sit in the batch
    const rows = this.ctx.store.deliveries.search(filter, Math.min(search.limit, MAX_SEARCH_LIMIT), search.offset ?? 0);
    const data = rows.map((d) => ({ ...d, attempts: this.ctx.store.attempts.listForDelivery(d.id, d.payload) }));
    return { data, total: search.withTotal ? this.ctx.store.deliveries.count(filter) : null };
  }

  findEvent(eventId: string): ResourceEvent | null {
    if (typeof eventId !== 'string' || !/^[1-9][0-9]{0,18}$/.test(eventId)) return null;
    return this.ctx.store.events.get(eventId) ?? null;
  }

  /** A manual attempt now; resolves with the delivery once the attempt is committed. */
  async redeliver(deliveryId: number): Promise<DeliverySummary> {
    this.ctx.writer.flushNow();
    const stored = isRowId(deliveryId) ? this.ctx.store.deliveries.get(deliveryId) : undefined;
    if (!stored) throw notFound(deliveryId);
    const hook = requireHook(this.ctx, stored.hookId);
    // Not canDeliver: a manual attempt also goes to a disabled hook, as long as it has an endpoint.
    if (hook.destinationUrl === null) {
      throw new HooklineError('HOOKLINE_ERR_HOOK_HAS_NO_ENDPOINT', `Hook ${hook.id} has no notification endpoint: save one before redelivering.`, { field: 'destination_url' });
    }
    const delivery = await this.ctx.engine.redeliver(stored);
    this.ctx.writer.flushNow();
    return summarizeDelivery(delivery);
  }

  backlog(since: number, limit?: number): { deliveries: DeliverySummary[]; lastSeq: number; more: boolean } {
    const max = Math.min(limit ?? BACKLOG_PAGE_SIZE, MAX_BACKLOG);
    const lastSeq = this.ctx.writer.lastSeq;
    const rows = this.ctx.store.deliveries.changedSince(since, max + 1);
    const more = rows.length > max;
    const deliveries = rows.slice(0, max);
    const last = deliveries[deliveries.length - 1];
    return { deliveries, lastSeq: more && last ? last.changeSeq : Math.max(lastSeq, last?.changeSeq ?? 0), more };
  }
}

function epochMs(iso: string, field: string): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalidQuery(field, `"${field}" must be an ISO 8601 date or time, e.g. 2024-05-01; got ${JSON.stringify(iso)?.slice(0, 60)}.`);
  return ms;
}

function notFound(deliveryId: number): HooklineError {
  return HooklineError.of('HOOKLINE_ERR_DELIVERY_NOT_FOUND', { id: String(deliveryId).slice(0, 40) }, { field: 'delivery_id' });
}
