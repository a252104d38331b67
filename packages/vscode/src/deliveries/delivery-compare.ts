/**
 * Comparing two deliveries, the part that needs no editor: "the previous delivery of this resource", which is the newest delivery to the same hook about the same resource (name and id) with a
 * lower id. The same hook, so the diff shows what changed between two events as one receiver got them, not a
 * fan-out copy of the same event to another hook (another endpoint, maybe another payload version). The relay
 * finds it: a one-row keyset page below this delivery's id.
 */
import { encodeDeliveryCursor, type DeliveryQuery, type DeliverySummary, type RelayTransport } from '@hookline/core';

/** The deliveries.list query whose one row is the previous delivery of `delivery`'s resource. */
export function previousDeliveryQuery(delivery: Pick<DeliverySummary, 'id' | 'hookId' | 'resourceName' | 'resourceId'>): DeliveryQuery {
  return { hookId: delivery.hookId, resourceName: delivery.resourceName, resourceId: delivery.resourceId, cursor: encodeDeliveryCursor(delivery.id), limit: 1 };
}

/** The previous delivery of this resource, or null when this is the first the relay holds. */
export async function findPreviousDelivery(transport: Pick<RelayTransport, 'request'>, delivery: Pick<DeliverySummary, 'id' | 'hookId' | 'resourceName' | 'resourceId'>): Promise<DeliverySummary | null> {
  const page = await transport.request('deliveries.list', previousDeliveryQuery(delivery));
  return page.data[0] ?? null;
}

/** What to say when there is none. */
export function noPreviousMessage(delivery: Pick<DeliverySummary, 'id' | 'hookId' | 'resourceName' | 'resourceId'>): string {
  return `Delivery #${delivery.id} is the first delivery of ${delivery.resourceName} ${delivery.resourceId} to hook ${delivery.hookId} that the relay holds: there is no previous one to compare with. Use Select for Compare and Compare with Selected to compare it with any other delivery.`;
}
