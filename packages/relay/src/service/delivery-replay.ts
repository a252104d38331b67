/**
 * Replay: the deliveries a filter matches, sent again in their original order as new deliveries of the same
 * events, with the same payload bytes, each linked to the one it replays (`replay_of`). They join their hook's
 * queue like any new delivery (the head rule, back-off, pausing), committed first and then handed to the engine.
 */
import { HooklineError, canDeliver, summarizeDelivery, type Delivery, type DeliveryQuery } from '@hookline/core';
import type { DeliveryFilter, NewDeliveryRow } from '../store/deliveries-repo.js';
import { requireHook, type ServiceContext } from './context.js';
import { deliveryFilterOf } from './delivery-queries.js';
import type { ReplayRequest, ReplayResult } from './types.js';

/** The most deliveries one replay sends; more is refused with how to narrow it. */
export const MAX_REPLAY = 10_000;
const PAGE = 1000;

export class DeliveryReplay {
  constructor(private readonly ctx: ServiceContext) {}

  async replay(request: ReplayRequest): Promise<ReplayResult> {
    this.ctx.writer.flushNow(); // match what has happened, including what is still batched
    const originals = this.matching(request.filter);
    if (request.dryRun || originals.length === 0) return { deliveries: originals.map(summarizeDelivery), dryRun: request.dryRun };
    for (const hookId of new Set(originals.map((d) => d.hookId))) this.checkCanDeliver(hookId);
    const rows: NewDeliveryRow[] = originals.map((d) => ({
      hookId: d.hookId,
      eventId: d.eventId,
      eventUlid: d.eventUlid,
      resourceName: d.resourceName,
      eventType: d.eventType,
      resourceId: d.resourceId,
      projectId: d.projectId,
      payload: d.payload,
      payloadVersion: d.payloadVersion,
      replayOf: d.id,
    }));
    const created = await this.ctx.writer.createReplays(rows);
    this.ctx.engine.enqueue(created);
    return { deliveries: created.map(summarizeDelivery), dryRun: false };
  }

  /** Every match with its payload, oldest first; refused past MAX_REPLAY. */
  private matching(query: Omit<DeliveryQuery, 'limit' | 'cursor'>): Delivery[] {
    const filter: DeliveryFilter = deliveryFilterOf(query);
    const ids: number[] = [];
    for (;;) {
      const page = this.ctx.store.deliveries.page(filter, PAGE);
      ids.push(...page.map((d) => d.id));
      if (ids.length > MAX_REPLAY) {
        const count = ids.length + this.ctx.store.deliveries.page({ ...filter, beforeId: ids.at(-1) }, MAX_REPLAY * 10).length;
        throw HooklineError.of('HOOKLINE_ERR_REPLAY_TOO_LARGE', { count: count > MAX_REPLAY * 10 ? `More than ${MAX_REPLAY * 10}` : String(count), max: MAX_REPLAY });
      }
      if (page.length < PAGE) break;
      filter.beforeId = page[page.length - 1]!.id;
    }
    return ids.reverse().map((id) => this.ctx.store.deliveries.get(id)).filter((d): d is Delivery => d !== undefined);
  }

  private checkCanDeliver(hookId: number): void {
    const hook = requireHook(this.ctx, hookId);
    if (canDeliver(hook)) return;
    const reason = hook.destinationUrl === null ? 'without a notification endpoint' : 'disabled';
    const fix = hook.destinationUrl === null ? 'Save an endpoint ("hookline endpoint set URL")' : `Enable it (PATCH /api/hooks/${hookId} {"status":"active"})`;
    throw HooklineError.of('HOOKLINE_ERR_HOOK_CANNOT_DELIVER', { hookId, reason, fix }, { field: 'hook_id' });
  }
}
