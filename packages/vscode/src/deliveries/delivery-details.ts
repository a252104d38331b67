/**
 * Deliveries with payload and attempts (`delivery.get`), fetched when a tree item is expanded or a document
 * opened, and dropped from the cache when the relay says the delivery changed.
 */
import type { DeliverySummary, DeliveryWithAttempts, RelayTransport } from '@hookline/core';

const MAX_CACHED = 200;

export class DeliveryDetails {
  private readonly cache = new Map<number, Promise<DeliveryWithAttempts>>();

  constructor(private readonly transport: RelayTransport) {}

  get(deliveryId: number): Promise<DeliveryWithAttempts> {
    const cached = this.cache.get(deliveryId);
    if (cached) return cached;
    const fetched = this.transport.request('delivery.get', { deliveryId }).then((r) => r.delivery);
    this.cache.set(deliveryId, fetched);
    fetched.catch(() => {
      if (this.cache.get(deliveryId) === fetched) this.cache.delete(deliveryId);
    });
    while (this.cache.size > MAX_CACHED) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return fetched;
  }

  invalidate(deliveries: readonly Pick<DeliverySummary, 'id'>[]): void {
    for (const delivery of deliveries) this.cache.delete(delivery.id);
  }

  clear(): void {
    this.cache.clear();
  }
}
