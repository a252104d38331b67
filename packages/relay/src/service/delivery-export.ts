/**
 * The delivery log read for an export: the deliveries a DeliveryQuery matches, newest first, in keyset pages of
 * EXPORT_PAGE_SIZE (the same `list` GET /api/deliveries pages with, so the filters mean the same), each with its
 * payload, its attempts (response bytes as stored) and its hook's endpoint now. A page is read only when the
 * consumer asks for it, so a log of any size goes out in bounded memory.
 */
import type { DeliveryPage, DeliveryQuery } from '@hookline/core';
import type { ExportedDelivery } from '../history/export-record.js';
import type { ServiceContext } from './context.js';

export const EXPORT_PAGE_SIZE = 100;

export function* exportPages(
  ctx: ServiceContext,
  list: (query: DeliveryQuery) => DeliveryPage,
  query: Omit<DeliveryQuery, 'limit' | 'cursor'>,
): Generator<ExportedDelivery[], void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    ctx.writer.flushNow(); // read our own writes: the newest attempts may still sit in the batch
    const page = list({ ...query, limit: EXPORT_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) });
    const endpoints = new Map<number, string | null>();
    const records: ExportedDelivery[] = [];
    for (const summary of page.data) {
      const delivery = ctx.store.deliveries.get(summary.id);
      if (!delivery) continue; // its hook was deleted meanwhile
      if (!endpoints.has(delivery.hookId)) endpoints.set(delivery.hookId, ctx.store.hooks.get(delivery.hookId)?.destinationUrl ?? null);
      records.push({
        delivery,
        attempts: ctx.store.attempts.listWithResponseBytes(delivery.id, delivery.payload),
        hookEndpoint: endpoints.get(delivery.hookId) ?? null,
      });
    }
    yield records;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}
